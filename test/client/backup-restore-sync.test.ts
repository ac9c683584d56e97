import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityOf } from '../../src/client/db/activity-search';
import { searchRows } from '../../src/client/db/search-index';
import type { AppDb } from '../../src/client/db/app-db';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import {
  deleteActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { saveFormDraft } from '../../src/client/features/activities/store/form-draft-store';
import { BackupDecryptError } from '../../src/client/features/backup/model/backup-crypto';
import { createBackup } from '../../src/client/features/backup/model/create-backup';
import {
  BackupOwnerError,
  restoreBackup,
} from '../../src/client/features/backup/model/restore-backup';
import type { PhotoBytes } from '../../src/client/db/photo-write';
import { sha256Hex } from '../../src/client/lib/sha256';
import type { Activity, ActivityOf } from '../../src/shared/activity/activity.schema';
import type { ActivityPhoto } from '../../src/shared/photos/photo.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { jpegHeader } from '../server/support/jpeg-header';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';

// "Sao lưu" → a new phone → "Khôi phục" → sync, against the real server over HTTP: the restored
// queue is accepted as if it came from the first phone, and nothing is stored twice.
const ITERATIONS = 10_000; // the file format is what is tested, not PBKDF2's cost
const PASS = 'trời mưa to ở Rạch Giá';

let server: RealServer;
let lan: PublicUser;
let binh: PublicUser;

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({ username: 'lan', role: 'commune', unitCode: COMMUNE });
  binh = await server.createUser({ username: 'binh', role: 'commune', unitCode: COMMUNE });
});
afterAll(async () => {
  await server.dispose();
});

type Other = ActivityOf<'other'>;
const activityBy = (user: PublicUser, title: string) =>
  makeActivity(
    'other',
    { authorId: user.id, authorName: user.displayName, title },
    user.unitCode,
  ) as Other;

/** A compressed "photo" (JPEG headers, distinct bytes) as the attach step hands it over. */
async function photo(seed: number, size = 40_000): Promise<PhotoBytes & { meta: ActivityPhoto }> {
  const bytes = new Uint8Array(size + seed);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed * 7) % 251;
  bytes.set(jpegHeader()); // the server checks a JPEG's markers
  const sha256 = await sha256Hex(bytes);
  return {
    sha256,
    mime: 'image/jpeg',
    bytes: bytes.buffer,
    thumb: new Uint8Array([0xff, 0xd8, 0xff, seed]).buffer,
    meta: {
      sha256,
      mime: 'image/jpeg',
      size: bytes.byteLength,
      width: 1600,
      height: 1200,
      caption: `Ảnh ${seed}`,
      signedSheet: seed === 1,
      addedAt: '2025-02-14T03:00:00.000Z',
    },
  };
}

async function download(token: string, sha256: string) {
  const response = await fetch(`${server.baseUrl}/api/photos/${sha256}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** What a user would compare: each record's data and sync state, each queued change, each draft. */
async function contents(db: AppDb) {
  const activities = (await db.activities.toArray())
    .map((row) => ({
      data: activityOf(row),
      serverRev: row.localMeta.serverRev,
      pending: row.localMeta.pendingMutations,
      deleted: row.localMeta.deleted,
    }))
    .sort((a, b) => a.data.id.localeCompare(b.data.id));
  const outbox = (await db.outbox.orderBy('seq').toArray()).map(
    ({ mutationId, recordId, op, baseRev, data, clientTime, status }) => ({
      mutationId,
      recordId,
      op,
      baseRev,
      data,
      clientTime,
      status,
    }),
  );
  const drafts = (await db.formDrafts.toArray()).sort((a, b) =>
    a.activityId.localeCompare(b.activityId),
  );
  const search = [...(await searchRows(db))].length;
  const photos = (await db.photos.toArray())
    .map((p) => ({
      sha256: p.sha256,
      mime: p.mime,
      onServer: p.onServer,
      activityIds: [...p.activityIds].sort(),
      bytes: Buffer.from(p.bytes).toString('base64'),
    }))
    .sort((a, b) => a.sha256.localeCompare(b.sha256));
  const thumbs = (await db.photoThumbs.toArray())
    .map((t) => `${t.sha256}:${Buffer.from(t.bytes).toString('hex')}`)
    .sort();
  return { activities, outbox, drafts, search, photos, thumbs };
}

/** The first phone: some records synced, then changes made offline, a form half filled. */
async function phoneWithUnsyncedWork(): Promise<{
  phone: TestClient;
  ids: string[];
  photos: string[];
}> {
  const phone = await newClient(server, lan);
  const synced = [activityBy(lan, 'Họp dân ấp 1'), activityBy(lan, 'Họp dân ấp 2')];
  for (const a of synced) await saveActivity(phone.db, a);
  expect((await phone.engine.syncNow()).ok).toBe(true);

  phone.network.offline = true;
  await saveActivity(phone.db, { ...synced[0]!, title: 'Họp dân ấp 1 (sửa offline)' });
  await deleteActivity(phone.db, synced[1]!.id);
  const fresh = [activityBy(lan, 'Tập huấn cán bộ'), activityBy(lan, 'Phát tờ rơi')];
  await saveActivity(phone.db, fresh[0]!);
  // The leaflet day's evidence: two photos taken offline, never uploaded.
  const shots = [await photo(1), await photo(2)];
  await saveActivity(phone.db, { ...fresh[1]!, photos: shots.map((p) => p.meta) } as Activity, {
    photos: shots,
  });
  await saveActivity(phone.db, { ...fresh[0]!, title: 'Tập huấn cán bộ giảm nghèo' });
  await saveFormDraft(phone.db, {
    activityId: crypto.randomUUID(),
    type: 'other',
    values: { title: 'Đang nhập dở', attendees: [{ fullName: 'Thạch Sô Phal' }] },
    isNew: true,
  });
  return { phone, ids: [...synced, ...fresh].map((a) => a.id), photos: shots.map((p) => p.sha256) };
}

/** Server versions of each record: one per change it accepted (a duplicate would add one). */
async function serverVersions(token: string, ids: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = (await server.history(token, id)).length;
  return counts;
}

describe('backup and restore against the real server', () => {
  it('restores the same data on a new phone, pushes it once, and the first phone later pushes nothing twice', async () => {
    const { phone, ids, photos } = await phoneWithUnsyncedWork();
    const before = await contents(phone.db);
    expect(before.outbox).toHaveLength(5);
    expect(before.photos.map((p) => p.onServer)).toEqual([0, 0]);

    const backup = await createBackup(phone.db, lan, PASS, { iterations: ITERATIONS });
    expect(backup.counts).toMatchObject({ activities: 3, unsynced: 5, drafts: 1, photos: 2 });

    // The phone is lost; a new one (an empty database) logs in as the same officer.
    const second = await newClient(server, lan);
    second.network.offline = true;
    const summary = await restoreBackup(second.db, lan, backup.file, PASS);
    expect(summary).toEqual({ activities: 4, mutations: 5, drafts: 1, photos: 2 });
    expect(await contents(second.db)).toEqual(before);

    // Restoring the same file again adds nothing.
    expect(await restoreBackup(second.db, lan, backup.file, PASS)).toEqual({
      activities: 0,
      mutations: 0,
      drafts: 0,
      photos: 0,
    });
    expect(await contents(second.db)).toEqual(before);

    second.network.offline = false;
    expect((await second.engine.syncNow()).ok).toBe(true);
    expect(await countUnsynced(second.db)).toBe(0);
    const afterRestore = await serverVersions(second.token, ids);
    // Created + edited offline, deleted, created twice, created: as the first phone made them.
    expect(afterRestore).toEqual({ [ids[0]!]: 2, [ids[1]!]: 2, [ids[2]!]: 2, [ids[3]!]: 1 });
    // The photos went up from the new phone, byte for byte.
    for (const [i, sha256] of photos.entries()) {
      const got = await download(second.token, sha256);
      expect(got.status).toBe(200);
      expect(Buffer.from(got.bytes).equals(Buffer.from((await photo(i + 1)).bytes))).toBe(true);
    }
    expect((await second.db.photos.toArray()).map((p) => p.onServer)).toEqual([1, 1]);
    const state = await server.activities(second.token);
    expect(state.get(ids[0]!)!.data.title).toBe('Họp dân ấp 1 (sửa offline)');
    expect(state.has(ids[1]!)).toBe(false);
    expect(state.get(ids[2]!)!.data.title).toBe('Tập huấn cán bộ giảm nghèo');
    expect((state.get(ids[3]!)!.data.photos as ActivityPhoto[]).map((p) => p.sha256)).toEqual(
      photos,
    );

    // The first phone turns up again and sends the same changes: the server knows every one.
    phone.network.offline = false;
    expect((await phone.engine.syncNow()).ok).toBe(true);
    expect(await countUnsynced(phone.db)).toBe(0);
    expect(await serverVersions(phone.token, ids)).toEqual(afterRestore);
    // Both phones show what the server has.
    const shown = async (db: AppDb) =>
      (await db.activities.toArray())
        .filter((r) => !r.localMeta.deleted)
        .map((r) => `${r.id}:${(r as { title?: string }).title}:${r.localMeta.serverRev}`)
        .sort();
    expect(await shown(phone.db)).toEqual(await shown(second.db));
  });

  it('a wrong passphrase or another officer’s file restores nothing', async () => {
    const { phone } = await phoneWithUnsyncedWork();
    const backup = await createBackup(phone.db, lan, PASS, { iterations: ITERATIONS });

    const second = await newClient(server, lan);
    second.network.offline = true;
    const empty = await contents(second.db);
    await expect(restoreBackup(second.db, lan, backup.file, 'sai mật khẩu')).rejects.toEqual(
      new BackupDecryptError('wrongPassphrase'),
    );
    expect(await contents(second.db)).toEqual(empty);

    // Bình, of the same commune, on his own phone: the file is Lan's, even with her passphrase.
    const binhPhone = await newClient(server, binh);
    const binhEmpty = await contents(binhPhone.db);
    const refused = await restoreBackup(binhPhone.db, binh, backup.file, PASS).catch((e) => e);
    expect(refused).toBeInstanceOf(BackupOwnerError);
    expect((refused as BackupOwnerError).owner.username).toBe('lan');
    expect(await contents(binhPhone.db)).toEqual(binhEmpty);

    // One byte of the last photo changed on the way (a half-broken transfer): nothing at all.
    const bytes = new Uint8Array(await backup.file.arrayBuffer());
    bytes[bytes.length - 100]! ^= 0x40;
    await expect(restoreBackup(second.db, lan, new Blob([bytes]), PASS)).rejects.toEqual(
      new BackupDecryptError('damaged'),
    );
    expect(await contents(second.db)).toEqual(empty);
  });
});
