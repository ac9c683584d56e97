import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { ActivityPhoto } from '../../src/shared/photos/photo.schema';
import type { PhotoUploadStatus } from '../../src/shared/photos/photo-upload-protocol';
import { PROBLEM_TYPES, type PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { jpegLikeBytes as jpegLike } from './support/jpeg-header';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function photoEntry(bytes: Buffer, overrides: Partial<ActivityPhoto> = {}): ActivityPhoto {
  return {
    sha256: sha256(bytes),
    mime: 'image/jpeg',
    size: bytes.length,
    width: 1600,
    height: 1200,
    caption: 'Buổi nói chuyện tại nhà văn hóa',
    signedSheet: false,
    capturedAt: '2026-11-28T02:15:00.000Z',
    addedAt: new Date().toISOString(),
    ...overrides,
  };
}

const withPhotos = (record: Activity, photos: ActivityPhoto[]) =>
  ({ ...record, photos }) as Activity;

function sendChunk(session: Session, hash: string, bytes: Buffer, offset: number, total: number) {
  return session.call<PhotoUploadStatus & { type?: string }>(
    'PATCH',
    `/api/photos/${hash}/upload`,
    {
      rawBody: bytes,
      headers: {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'upload-length': String(total),
      },
    },
  );
}

const status = (session: Session, hash: string) =>
  session.call<PhotoUploadStatus>('GET', `/api/photos/${hash}/upload`);

async function upload(session: Session, bytes: Buffer): Promise<PhotoUploadStatus> {
  const answer = await sendChunk(session, sha256(bytes), bytes, 0, bytes.length);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function download(session: Session, hash: string) {
  const response = await fetch(`${session.baseUrl}/api/photos/${hash}`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/**
 * Sends the first `cutAt` bytes of a chunk that declares all of `bytes`, waits until the server
 * has them on disk, then drops the connection (a network cut in the middle of an upload).
 */
async function cutUpload(session: Session, bytes: Buffer, cutAt: number): Promise<void> {
  const hash = sha256(bytes);
  const url = new URL(`${session.baseUrl}/api/photos/${hash}/upload`);
  const req = httpRequest(url, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${session.token}`,
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes.length),
      'upload-offset': '0',
      'upload-length': String(bytes.length),
    },
  });
  req.on('error', () => {});
  req.write(bytes.subarray(0, cutAt));
  for (let i = 0; i < 200; i++) {
    if ((await status(session, hash)).body.offset >= cutAt) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  req.destroy();
}

describe.each(DATABASE_KINDS)('photos (%s)', (kind) => {
  let server: TestServer;
  let photoDir: string;
  let lan: Session; // commune officer, Vĩnh Thanh
  let hoa: Session; // second officer of the same commune
  let other: Session; // officer of Đông Hồ (another city)
  let province: Session;

  beforeAll(async () => {
    photoDir = mkdtempSync(join(tmpdir(), 'outreach-photos-test-'));
    server = await startTestServer(kind, { photoDir });
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    hoa = await server.officer('commune', UNITS.vinhThanh, 'Lê Thị Hoa');
    other = await server.officer('commune', UNITS.dongHo, 'Phạm Văn Tư');
    province = await server.officer('province', UNITS.province);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(photoDir, { recursive: true, force: true });
  });

  it('resumes an upload cut halfway from the server’s offset; the stored file equals the original byte for byte', async () => {
    const bytes = jpegLike(300_000);
    const hash = sha256(bytes);
    await cutUpload(lan, bytes, 150_000);

    const after = await status(lan, hash);
    expect(after.status).toBe(200);
    expect(after.body.stored).toBe(false);
    expect(after.body.offset).toBeGreaterThanOrEqual(150_000);
    expect(after.body.offset).toBeLessThan(bytes.length);
    expect(after.headers.get('upload-offset')).toBe(String(after.body.offset));

    const rest = await sendChunk(
      lan,
      hash,
      bytes.subarray(after.body.offset),
      after.body.offset,
      bytes.length,
    );
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body).toEqual({ sha256: hash, offset: bytes.length, stored: true });

    const onDisk = readFileSync(join(photoDir, 'stored', hash.slice(0, 2), hash));
    expect(onDisk.equals(bytes)).toBe(true);
    const served = await download(lan, hash);
    expect(served.status).toBe(200);
    expect(served.type).toBe('image/jpeg');
    expect(served.body.equals(bytes)).toBe(true);
  });

  it('supersedes a stalled chunk of the same photo and continues from what it delivered', async () => {
    const bytes = jpegLike(200_000);
    const hash = sha256(bytes);
    const url = new URL(`${lan.baseUrl}/api/photos/${hash}/upload`);
    const stalled = httpRequest(url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${lan.token}`,
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
        'upload-offset': '0',
        'upload-length': String(bytes.length),
      },
    });
    stalled.on('error', () => {});
    stalled.write(bytes.subarray(0, 80_000)); // …and then nothing more: a dead connection
    let offset = 0;
    for (let i = 0; i < 200 && offset < 80_000; i++) {
      offset = (await status(lan, hash)).body.offset;
      await new Promise((r) => setTimeout(r, 20));
    }
    const rest = await sendChunk(lan, hash, bytes.subarray(offset), offset, bytes.length);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body.stored).toBe(true);
    expect((await download(lan, hash)).body.equals(bytes)).toBe(true);
    stalled.destroy();
  });

  it('treats uploading a photo the server has as a no-op', async () => {
    const bytes = jpegLike(50_000);
    const hash = sha256(bytes);
    await upload(lan, bytes);
    const before = readFileSync(join(photoDir, 'stored', hash.slice(0, 2), hash));

    const known = await status(hoa, hash);
    expect(known.body).toEqual({ sha256: hash, offset: bytes.length, stored: true });
    // A client that sends it anyway (another officer, the same bytes) changes nothing.
    const again = await sendChunk(hoa, hash, bytes, 0, bytes.length);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sha256: hash, offset: bytes.length, stored: true });
    expect(readFileSync(join(photoDir, 'stored', hash.slice(0, 2), hash)).equals(before)).toBe(
      true,
    );
    // Only the uploader may fetch it while no record references it.
    expect((await download(hoa, hash)).status).toBe(403);
  });

  it('serves a photo only to users allowed to read an activity that references it (403 otherwise)', async () => {
    const bytes = jpegLike(40_000);
    const hash = sha256(bytes);
    await upload(lan, bytes);
    const record = withPhotos(talk(lan.user, UNITS.vinhThanh), [photoEntry(bytes)]);
    const [result] = await lan.push([upsert(record)]);
    expect(result?.status).toBe('applied');

    expect((await download(hoa, hash)).status).toBe(200);
    expect((await download(province, hash)).status).toBe(200);
    const denied = await other.call('GET', `/api/photos/${hash}`);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect(denied.body.type).toBe(PROBLEM_TYPES.forbidden);
    expect((await server.call('GET', `/api/photos/${hash}`)).status).toBe(401);
    expect((await download(lan, 'f'.repeat(64))).status).toBe(404);
  });

  it('does not let an officer read another commune’s photo by listing its hash in a record of their own', async () => {
    const bytes = jpegLike(40_000);
    const hash = sha256(bytes);
    await upload(lan, bytes);
    const [own] = await lan.push([
      upsert(withPhotos(talk(lan.user, UNITS.vinhThanh), [photoEntry(bytes)])),
    ]);
    expect(own?.status).toBe('applied');
    expect((await download(other, hash)).status).toBe(403);

    // Đông Hồ's officer learned the hash (a former colleague, a shared file) and lists it.
    const borrowed = withPhotos(talk(other.user, UNITS.dongHo), [photoEntry(bytes)]);
    const [listed] = await other.push([upsert(borrowed)]);
    expect(listed?.status).toBe('applied');
    expect((await download(other, hash)).status).toBe(403);
    // The photo's own record still shows it to those who may read that record.
    expect((await download(hoa, hash)).status).toBe(200);
    expect((await download(province, hash)).status).toBe(200);

    // A colleague of the commune adds his own photo to Lan's record: its readers see it, also
    // after he is transferred to another commune.
    const binh = await server.officer('commune', UNITS.vinhThanh, 'Trần Văn Bình');
    const added = jpegLike(35_000);
    await upload(binh, added);
    const withAdded = withPhotos(talk(lan.user, UNITS.vinhThanh), [photoEntry(added)]);
    const [byLan] = await lan.push([upsert(withPhotos(withAdded, []))]);
    const [byBinh] = await binh.push([upsert(withAdded, (byLan as { rev: number }).rev)]);
    expect(byBinh?.status).toBe('applied');
    expect((await download(lan, sha256(added))).status).toBe(200);
    expect((await download(province, sha256(added))).status).toBe(200);
    expect((await download(other, sha256(added))).status).toBe(403);
    const moved = await server.admin.call('PUT', `/api/admin/users/${binh.user.id}/unit`, {
      body: { unitCode: UNITS.dongHo, geographyId: 'kien-giang-2024' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await download(lan, sha256(added))).status).toBe(200);
    expect((await download(hoa, sha256(added))).status).toBe(200);
  });

  it('acknowledges a record only once its photos are stored; the replay after the upload applies once', async () => {
    const first = jpegLike(30_000);
    const second = jpegLike(30_000);
    await upload(lan, first);
    const record = withPhotos(talk(lan.user, UNITS.vinhThanh), [
      photoEntry(first),
      photoEntry(second, { signedSheet: true, caption: 'Danh sách ký tên' }),
    ]);
    const create = upsert(record);
    // A later change of the same record (dropping the sheet) must not overtake the waiting one.
    const edit = upsert({ ...record, notes: 'Bổ sung', photos: [photoEntry(first)] } as Activity);
    const waiting = await lan.push([create, edit]);
    expect(waiting).toEqual([
      expect.objectContaining({ status: 'waiting', missingPhotos: [sha256(second)] }),
      expect.objectContaining({ status: 'waiting', missingPhotos: [] }),
    ]);
    const pulled = await hoa.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=1000');
    expect(pulled.body.changes.some((c) => c.recordId === record.id)).toBe(false);

    await upload(lan, second);
    const applied = await lan.push([create, edit]);
    expect(applied.map((r) => r.status)).toEqual(['applied', 'applied']);
    const replay = await lan.push([create, edit]);
    expect(replay.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const history = await lan.call('GET', `/api/sync/history/${record.id}`);
    expect(history.body.versions).toHaveLength(2);
    expect((await download(hoa, sha256(second))).body.equals(second)).toBe(true);
  });

  it('discards an upload whose bytes do not hash to its name (problem+json, start again)', async () => {
    const bytes = jpegLike(20_000);
    const wrongName = sha256(jpegLike(20_000));
    const answer = await sendChunk(lan, wrongName, bytes, 0, bytes.length);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.type).toBe(PROBLEM_TYPES.photoHashMismatch);
    expect((await status(lan, wrongName)).body).toEqual({
      sha256: wrongName,
      offset: 0,
      stored: false,
    });
  });

  it('answers a chunk at the wrong offset with 409 and the server’s offset', async () => {
    const bytes = jpegLike(20_000);
    const hash = sha256(bytes);
    expect((await sendChunk(lan, hash, bytes.subarray(0, 5000), 0, bytes.length)).status).toBe(200);
    const wrong = await sendChunk(lan, hash, bytes.subarray(8000), 8000, bytes.length);
    expect(wrong.status).toBe(409);
    expect(wrong.body.type).toBe(PROBLEM_TYPES.uploadOffset);
    expect(wrong.headers.get('upload-offset')).toBe('5000');
  });

  it('refuses what is not a JPEG or WebP photo, or too large, or not raw bytes', async () => {
    const text = Buffer.from('<html>not a photo</html>'.repeat(100));
    const notImage = await sendChunk(lan, sha256(text), text, 0, text.length);
    expect(notImage.status).toBe(415);
    expect(notImage.body.type).toBe(PROBLEM_TYPES.unsupportedMediaType);
    expect((await status(lan, sha256(text))).body.stored).toBe(false);

    const huge = await sendChunk(lan, 'a'.repeat(64), Buffer.alloc(10), 0, 50 * 1024 * 1024);
    expect(huge.status).toBe(413);
    const json = await lan.call('PATCH', `/api/photos/${'a'.repeat(64)}/upload`, { body: {} });
    expect(json.status).toBe(415);
    const badName = await lan.call('GET', '/api/photos/not-a-hash/upload');
    expect(badName.status).toBe(400);
  });

  it('stores only what is a JPEG up to its markers and within 1600 px, not bytes that merely start like one', async () => {
    const signatureOnly = randomBytes(20_000);
    signatureOnly.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const fake = await sendChunk(
      lan,
      sha256(signatureOnly),
      signatureOnly,
      0,
      signatureOnly.length,
    );
    expect(fake.status).toBe(415);
    expect(fake.body).toMatchObject({ code: 'problem.notAPhoto' });
    expect((await status(lan, sha256(signatureOnly))).body).toMatchObject({
      offset: 0,
      stored: false,
    });

    const camera = jpegLike(30_000, 4000, 3000);
    const tooBig = await sendChunk(lan, sha256(camera), camera, 0, camera.length);
    expect(tooBig.status).toBe(422);
    expect(tooBig.headers.get('content-type')).toContain('application/problem+json');
    expect(tooBig.body).toMatchObject({
      code: 'problem.photoTooManyPixels',
      params: { px: 1600, width: 4000, height: 3000 },
    });
    expect((await status(lan, sha256(camera))).body).toMatchObject({ offset: 0, stored: false });

    const portrait = jpegLike(30_000, 1200, 1600);
    expect((await upload(lan, portrait)).stored).toBe(true);
    expect((await download(lan, sha256(portrait))).type).toBe('image/jpeg');
  });

  it('refuses a record whose photo list is malformed', async () => {
    const bytes = jpegLike(10_000);
    const record = withPhotos(talk(lan.user, UNITS.vinhThanh), [
      photoEntry(bytes),
      photoEntry(bytes),
    ]);
    const [result] = await lan.push([upsert(record)]);
    expect(result?.status).toBe('rejected');
  });
});
