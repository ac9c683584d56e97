// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPhotosOnServer, photoTables } from '../../src/client/db/photo-write';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { cacheFetchedPhoto } from '../../src/client/features/photos/store/photo-store';
import { activityOf } from '../../src/client/db/activity-search';
import { PHOTO_CHUNK_BYTES } from '../../src/client/features/sync/engine/photo-upload';
import { sha256Hex } from '../../src/client/lib/sha256';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { ActivityPhoto } from '../../src/shared/photos/photo.schema';
import { jpegHeader } from '../server/support/jpeg-header';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';

// The engine's photo upload against the real server (buildApp, SQLite, files on disk, loopback
// HTTP). Only the wire misbehaves when a test says so.
let server: RealServer;
let lan: PublicUser;
let hoa: PublicUser; // second officer of the same commune

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({ username: 'lan', role: 'commune', unitCode: COMMUNE });
  hoa = await server.createUser({ username: 'hoa', role: 'commune', unitCode: COMMUNE });
});
afterAll(async () => {
  await server.dispose();
});

let seed = 0;
async function photo(size: number) {
  seed += 1;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + seed * 17 + (i >> 8)) % 256;
  bytes.set(jpegHeader()); // the server checks a JPEG's markers
  const sha256 = await sha256Hex(bytes);
  const meta: ActivityPhoto = {
    sha256,
    mime: 'image/jpeg',
    size,
    width: 1600,
    height: 1200,
    caption: 'Danh sách ký tên',
    signedSheet: true,
    addedAt: '2025-02-14T03:00:00.000Z',
  };
  return { sha256, mime: 'image/jpeg' as const, bytes: bytes.buffer, meta, raw: bytes };
}

function recordWith(user: PublicUser, photos: ActivityPhoto[]): Activity {
  return {
    ...makeActivity('other', { authorId: user.id, authorName: user.displayName }, COMMUNE),
    photos,
  } as Activity;
}

function storedFile(sha256: string): Buffer {
  return readFileSync(join(dirname(server.file), 'photos', 'stored', sha256.slice(0, 2), sha256));
}

async function download(token: string, sha256: string) {
  const response = await fetch(`${server.baseUrl}/api/photos/${sha256}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * A phone whose wire counts the bytes of every photo chunk (PATCH bodies) and, if asked, dies
 * right after the server took chunk number `cutAfterChunk` (its answer never arrives).
 */
async function countingPhone(user: PublicUser, cutAfterChunk = Infinity) {
  const sent = { bytes: 0, chunks: 0 };
  let phone: TestClient | undefined;
  const wire = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'PATCH' && String(input).includes('/api/photos/')) {
      sent.chunks += 1;
      sent.bytes += (init.body as Uint8Array | ArrayBuffer).byteLength;
      const response = await phone!.network.fetch(input, init);
      if (sent.chunks === cutAfterChunk) {
        await response.arrayBuffer();
        throw new TypeError('fetch failed (connection reset)');
      }
      return response;
    }
    return phone!.network.fetch(input, init);
  }) as typeof fetch;
  phone = await newClient(server, user, { api: { baseUrl: server.baseUrl, fetch: wire } });
  return { phone, sent };
}

describe('photo upload by the sync engine (real server)', () => {
  it('sends the photos before the record; the server has the same bytes and another officer of the commune gets them', async () => {
    const phone = await newClient(server, lan);
    const a = await photo(150_000);
    const b = await photo(40_000);
    const record = recordWith(lan, [a.meta, b.meta]);
    await saveActivity(phone.db, record, { photos: [a, b] });
    const seen: string[] = [];
    phone.engine.subscribe((s) => {
      if (s.photoUpload) {
        seen.push(`${s.photoUpload.index}/${s.photoUpload.total} ${s.photoUpload.percent}`);
      }
    });

    expect((await phone.engine.syncNow()).ok).toBe(true);

    // Photos first, then one push acknowledged at once (no `waiting` round trip).
    const pushes = phone.network.requests.filter((r) => r.startsWith('POST /api/sync/push'));
    expect(pushes).toHaveLength(1);
    const firstPush = phone.network.requests.indexOf(pushes[0]!);
    const lastPatch = phone.network.requests.findLastIndex((r) => r.startsWith('PATCH'));
    expect(lastPatch).toBeLessThan(firstPush);
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await phone.db.photos.get(a.sha256))!.onServer).toBe(1);
    expect((await phone.db.photos.get(b.sha256))!.onServer).toBe(1);
    expect(new Uint8Array(storedFile(a.sha256))).toEqual(a.raw);
    expect(new Uint8Array(storedFile(b.sha256))).toEqual(b.raw);
    expect(seen[0]).toBe('1/2 0');
    expect(seen).toContain('2/2 100');
    expect(phone.engine.getState().photoUpload).toBeNull();

    const hoaToken = await server.login('hoa');
    const served = await download(hoaToken, b.sha256);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(b.raw);
    // The bytes stay on the phone: the record still lists them.
    expect(await phone.db.photos.count()).toBe(2);
    void hoa;
  });

  it('resumes an upload cut in the middle from the server’s offset, sending no chunk twice', async () => {
    const { phone, sent } = await countingPhone(lan, 3);
    const a = await photo(5 * PHOTO_CHUNK_BYTES + 1000);
    await saveActivity(phone.db, recordWith(lan, [a.meta]), { photos: [a] });

    const cut = await phone.engine.syncNow();
    expect(cut.ok).toBe(false);
    expect(await phone.db.outbox.count()).toBe(1);
    expect((await phone.db.photos.get(a.sha256))!.onServer).toBe(0);
    expect(sent.bytes).toBe(3 * PHOTO_CHUNK_BYTES);

    expect((await phone.engine.syncNow()).ok).toBe(true);
    expect(sent.bytes).toBe(a.raw.byteLength);
    expect(new Uint8Array(storedFile(a.sha256))).toEqual(a.raw);
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await phone.db.photos.get(a.sha256))!.onServer).toBe(1);
  });

  it('answers `waiting` with the photo, then pushes the same change again: stored, then acknowledged once', async () => {
    const phone = await newClient(server, lan);
    const a = await photo(70_000);
    const record = recordWith(lan, [a.meta]);
    await saveActivity(phone.db, record, { photos: [a] });
    // The phone wrongly believes the server has the photo (e.g. the server's files were
    // restored from an older backup): only the server's `waiting` answer can tell it.
    await phone.db.transaction('rw', photoTables(phone.db), () =>
      markPhotosOnServer(phone.db, [a.sha256]),
    );
    const [queued] = await phone.db.outbox.toArray();

    expect((await phone.engine.syncNow()).ok).toBe(true);

    const calls = phone.network.requests.filter((r) => !r.startsWith('GET /api/sync/pull'));
    expect(calls[0]).toBe('POST /api/sync/push');
    expect(calls).toContain(`PATCH /api/photos/${a.sha256}/upload`);
    expect(calls.at(-1)).toBe('POST /api/sync/push');
    expect(await phone.db.outbox.count()).toBe(0);
    const history = await server.history(await server.login('lan'), record.id);
    expect(history).toHaveLength(1);
    expect(history[0]!.data!.photos).toEqual([a.meta]);
    expect(queued!.recordId).toBe(record.id);
    expect(new Uint8Array(storedFile(a.sha256))).toEqual(a.raw);
  });

  it('a photo the server refuses holds back only its own record: the others are stored', async () => {
    const phone = await newClient(server, lan);
    // Bytes the server will not store (not a JPEG after all: damaged on the phone, say).
    const bad = await photo(20_000);
    new Uint8Array(bad.bytes).fill(7, 0, 64);
    const badHash = await sha256Hex(new Uint8Array(bad.bytes));
    const refusedMeta = { ...bad.meta, sha256: badHash };
    const withBad = recordWith(lan, [refusedMeta]);
    await saveActivity(phone.db, withBad, { photos: [{ ...bad, sha256: badHash }] });
    const plain = recordWith(lan, []);
    await saveActivity(phone.db, plain);
    const good = await photo(30_000);
    const withGood = recordWith(lan, [good.meta]);
    await saveActivity(phone.db, withGood, { photos: [good] });

    const result = await phone.engine.syncNow();
    expect(result.ok).toBe(true);
    const token = await server.login('lan');
    expect(await server.history(token, plain.id)).toHaveLength(1);
    expect(await server.history(token, withGood.id)).toHaveLength(1);
    expect(new Uint8Array(storedFile(good.sha256))).toEqual(good.raw);
    // The refused one is kept on the phone with its photo, refused as a server refusal would be
    // (never lost, never sent again as is), and the officer is told which record and what to do.
    expect((await phone.db.outbox.toArray()).map((e) => [e.recordId, e.status])).toEqual([
      [withBad.id, 'rejected'],
    ]);
    expect(await phone.db.photos.get(badHash)).toBeDefined();
    expect(await phone.db.activities.get(withBad.id)).toBeDefined();
    const notices = await phone.db.syncNotices.toArray();
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        recordId: withBad.id,
        reasonCode: 'problem.photoRefused',
      }),
    ]);
    // Saved again without the photo, the record goes.
    await saveActivity(phone.db, { ...withBad, photos: [] } as Activity);
    expect((await phone.engine.syncNow()).ok).toBe(true);
    expect(await server.history(token, withBad.id)).toHaveLength(1);
  });

  it('drops a colleague’s photo kept on this phone once a pull brings the record without it', async () => {
    const lanPhone = await newClient(server, lan);
    const hoaPhone = await newClient(server, hoa);
    const a = await photo(30_000);
    const record = recordWith(lan, [a.meta]);
    await saveActivity(lanPhone.db, record, { photos: [a] });
    expect((await lanPhone.engine.syncNow()).ok).toBe(true);
    expect((await hoaPhone.engine.syncNow()).ok).toBe(true);
    // Hòa opened the record: the photo was fetched and kept (as the detail screen does).
    await cacheFetchedPhoto(hoaPhone.db, record.id, {
      sha256: a.sha256,
      mime: 'image/jpeg',
      bytes: a.bytes,
    });
    expect(await hoaPhone.db.photos.get(a.sha256)).toBeDefined();

    const current = activityOf((await getActivity(lanPhone.db, record.id))!);
    await saveActivity(lanPhone.db, { ...current, photos: [] } as Activity);
    expect((await lanPhone.engine.syncNow()).ok).toBe(true);
    expect(await lanPhone.db.photos.get(a.sha256)).toBeUndefined();
    expect((await hoaPhone.engine.syncNow()).ok).toBe(true);
    expect((await getActivity(hoaPhone.db, record.id))!.photos).toEqual([]);
    expect(await hoaPhone.db.photos.get(a.sha256)).toBeUndefined();
  });
});
