import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { DatabaseConfig } from '../../src/server/db/database';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { call } from './support/http-client';
import { jpegLikeBytes as jpegLike } from './support/jpeg-header';
import { DATABASE_KINDS } from './support/test-database';
import { PASSWORD, startTestServer, type TestServer } from './support/test-server';

const ROOT = join(import.meta.dirname, '..', '..');
const PUSHES = 1000;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- args` as the operator types it, on the given database environment. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      { cwd: ROOT, env: childEnv },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function postgresQuery(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function uploadPhoto(base: string, token: string, bytes: Buffer): Promise<string> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const response = await fetch(`${base}/api/photos/${hash}/upload`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'upload-length': String(bytes.length),
    },
    body: new Uint8Array(bytes),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return hash;
}

async function downloadPhoto(base: string, token: string, hash: string) {
  const response = await fetch(`${base}/api/photos/${hash}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** Every activity a session can pull, with its current rev. */
async function pullAll(base: string, token: string): Promise<Map<string, number>> {
  const revs = new Map<string, number>();
  let since = '0';
  for (;;) {
    const page = await call<PullResponse>(base, 'GET', `/api/sync/pull?since=${since}&limit=1000`, {
      token,
    });
    expect(page.status).toBe(200);
    for (const change of page.body.changes) {
      if (change.collection === 'activities') revs.set(change.recordId, change.rev);
    }
    since = page.body.cursor;
    if (!page.body.hasMore) return revs;
  }
}

describe.each(DATABASE_KINDS)('npm run backup / restore (%s)', { timeout: 240_000 }, (kind) => {
  let server: TestServer | undefined;
  let restoredDatabase: string | undefined;
  afterAll(async () => {
    await server?.close();
    if (restoredDatabase) {
      await postgresQuery(
        process.env.TEST_DATABASE_URL!,
        `drop database if exists ${restoredDatabase}`,
      );
    }
  });

  it('a backup taken during 1,000 pushes restores every record acknowledged before it began, and the photos', async () => {
    // Photos live in DATA_DIR/photos whichever database holds the rows (the SQLite test database
    // has its DATA_DIR already; PostgreSQL gets one).
    const dataDir = kind === 'postgres' ? tempDir('source-data-') : null;
    server = await startTestServer(kind, dataDir ? { photoDir: join(dataDir, 'photos') } : {});
    const sourceEnv = dataDir ? { ...server.database.env, DATA_DIR: dataDir } : server.database.env;
    const officer = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    const photo = jpegLike(300_000);
    const photoHash = await uploadPhoto(server.baseUrl, officer.token, photo);
    const acknowledged = new Map<string, number>();
    let pushes = 0;
    let backupState: 'before' | 'running' | 'done' = 'before';
    let acknowledgedDuringBackup = 0;

    // New records and edits of acknowledged ones, until 1,000 pushes are done AND the backup ended.
    const pusher = async () => {
      while (pushes < PUSHES || backupState !== 'done') {
        pushes += 1;
        const known = [...acknowledged.keys()];
        const editOf = pushes % 4 === 0 && known.length > 0 ? known[pushes % known.length]! : null;
        const record = talk(officer.user, UNITS.vinhThanh, {
          ...(editOf ? { id: editOf } : {}),
          topic: `Buổi nói chuyện số ${pushes}`,
        });
        const [result] = await officer.push([
          upsert(record, editOf ? acknowledged.get(editOf)! : null),
        ]);
        expect(['applied', 'conflict']).toContain(result!.status);
        const rev = (result as { rev: number }).rev;
        acknowledged.set(record.id, Math.max(rev, acknowledged.get(record.id) ?? 0));
        if (backupState === 'running') acknowledgedDuringBackup += 1;
      }
    };
    const pushers = [pusher(), pusher(), pusher()];

    while (acknowledged.size < 200) await new Promise((r) => setTimeout(r, 20));
    // Everything acknowledged up to here was committed before the backup process even started.
    const beforeBackup = new Map(acknowledged);
    const backupDir = join(tempDir('backup-out-'), 'copy');
    backupState = 'running';
    const backup = await npmRun('backup', ['--output', backupDir], sourceEnv);
    backupState = 'done';
    await Promise.all(pushers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(backupDir);
    expect(backup.stdout).toContain('1 ảnh / photos');
    expect(
      existsSync(join(backupDir, kind === 'sqlite' ? 'outreach-log.sqlite' : 'outreach-log.dump')),
    ).toBe(true);
    if (kind === 'sqlite') {
      // One self-contained file to copy off the machine: no -wal or -shm beside it.
      expect(readdirSync(backupDir).sort()).toEqual(['outreach-log.sqlite', 'photos']);
    }
    expect(pushes).toBeGreaterThanOrEqual(PUSHES);
    // The backup really ran while phones were syncing.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);

    // Restore into a new, empty place, and serve from it.
    let restoredConfig: DatabaseConfig;
    const restoredDataDir = tempDir('restored-data-');
    let restoreEnv: Record<string, string> = { DATA_DIR: restoredDataDir };
    if (kind === 'sqlite') {
      restoredConfig = { kind, file: join(restoredDataDir, 'outreach-log.sqlite') };
    } else {
      restoredDatabase = `outreach_restore_${randomBytes(5).toString('hex')}`;
      await postgresQuery(process.env.TEST_DATABASE_URL!, `create database ${restoredDatabase}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${restoredDatabase}`;
      restoreEnv = { ...restoreEnv, DATABASE_URL: url.toString() };
      const schema = (server.database.config as { schema: string }).schema;
      restoredConfig = { kind, connectionString: url.toString(), schema };
    }
    const restore = await npmRun('restore', ['--from', backupDir], restoreEnv);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('1 đã chép / copied');

    const restored = await buildApp({
      database: restoredConfig,
      photoDir: join(restoredDataDir, 'photos'),
    });
    try {
      const base = await restored.listen({ port: 0, host: '127.0.0.1' });
      const login = await call(base, 'POST', '/api/auth/login', {
        body: { username: officer.user.username, password: PASSWORD, deviceName: 'Máy mới' },
      });
      expect(login.status).toBe(200);
      const revs = await pullAll(base, login.body.token);
      const missing = [...beforeBackup].filter(([id, rev]) => (revs.get(id) ?? -1) < rev);
      expect(missing).toEqual([]);
      expect(revs.size).toBeGreaterThanOrEqual(beforeBackup.size);
      // The photo uploaded before the backup comes back, byte for byte.
      const downloaded = await downloadPhoto(base, login.body.token, photoHash);
      expect(downloaded.status).toBe(200);
      expect(downloaded.body.equals(photo)).toBe(true);
    } finally {
      await restored.close();
    }
  });

  it.runIf(kind === 'sqlite')(
    'restore refuses to overwrite a database unless told, and keeps the old one aside',
    async () => {
      const source = await startTestServer('sqlite');
      const backupDir = join(tempDir('backup-out-'), 'copy');
      try {
        expect((await npmRun('backup', ['--output', backupDir], source.database.env)).code).toBe(0);
        // A second backup to the same place would overwrite the first: refused.
        const again = await npmRun('backup', ['--output', backupDir], source.database.env);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toContain('already exists');
      } finally {
        await source.close();
      }
      const dataDir = tempDir('restore-target-');
      writeFileSync(join(dataDir, 'not-a-db.sqlite'), 'x');
      const first = await npmRun('restore', ['--from', backupDir], { DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      const refused = await npmRun('restore', ['--from', backupDir], { DATA_DIR: dataDir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('--replace');
      const replaced = await npmRun('restore', ['--from', backupDir, '--replace'], {
        DATA_DIR: dataDir,
      });
      expect(replaced.code).toBe(0);
      expect(replaced.stdout).toContain('before-restore-');
      // A bare database file (backups of earlier versions) still restores, and says it has no photos.
      const bare = await npmRun('restore', ['--from', join(backupDir, 'outreach-log.sqlite')], {
        DATA_DIR: tempDir('restore-target-'),
      });
      expect(bare.code).toBe(0);
      expect(bare.stdout).toContain('no photos');
      const damaged = await npmRun('restore', ['--from', join(dataDir, 'not-a-db.sqlite')], {
        DATA_DIR: tempDir('restore-target-'),
      });
      expect(damaged.code).not.toBe(0);
    },
  );
});
