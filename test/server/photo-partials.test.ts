import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PhotoUploadStatus } from '../../src/shared/photos/photo-upload-protocol';
import { UNITS } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// Issue 12, the server's side of storage safety: an upload a phone began and never finished
// (the record was deleted, the phone lost) does not stay on disk for ever. After a week untouched
// its bytes go; a phone that still has the photo is told to start again from 0 and loses nothing.

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const DAY_MS = 24 * 3600_000;

describe('abandoned photo uploads', () => {
  let server: TestServer | undefined;
  const photoDir = mkdtempSync(join(tmpdir(), 'outreach-partials-'));
  afterAll(async () => {
    await server?.close();
    rmSync(photoDir, { recursive: true, force: true });
  });

  it('are removed once they have not been written to for a week; recent ones stay', async () => {
    mkdirSync(join(photoDir, 'partial'), { recursive: true });
    const partial = (name: string, ageDays: number) => {
      const path = join(photoDir, 'partial', name);
      writeFileSync(path, randomBytes(1000));
      const at = new Date(Date.now() - ageDays * DAY_MS);
      utimesSync(path, at, at);
      return path;
    };
    const abandoned = sha256(randomBytes(32));
    const recent = sha256(randomBytes(32));
    const abandonedPath = partial(abandoned, 8);
    const recentPath = partial(recent, 6);

    server = await startTestServer('sqlite', { photoDir });
    await expect.poll(() => existsSync(abandonedPath), { timeout: 5000 }).toBe(false);
    expect(existsSync(recentPath)).toBe(true);

    const officer = await server.officer('commune', UNITS.vinhThanh);
    const status = (hash: string) =>
      officer.call<PhotoUploadStatus>('GET', `/api/photos/${hash}/upload`);
    expect((await status(abandoned)).body).toMatchObject({ offset: 0, stored: false });
    expect((await status(recent)).body).toMatchObject({ offset: 1000, stored: false });
  });
});
