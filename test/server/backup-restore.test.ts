import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { DatabaseConfig } from '../../src/server/db/database';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { call } from './support/http-client';
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

  it('a backup taken during 1,000 pushes restores every record acknowledged before it began', async () => {
    server = await startTestServer(kind);
    const officer = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
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
    const backupFile = join(
      tempDir('backup-out-'),
      kind === 'sqlite' ? 'copy.sqlite' : 'copy.dump',
    );
    backupState = 'running';
    const backup = await npmRun('backup', ['--output', backupFile], server.database.env);
    backupState = 'done';
    await Promise.all(pushers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(backupFile);
    expect(existsSync(backupFile)).toBe(true);
    expect(pushes).toBeGreaterThanOrEqual(PUSHES);
    // The backup really ran while phones were syncing.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);

    // Restore into a new, empty place, and serve from it.
    let restoredConfig: DatabaseConfig;
    let restoreEnv: Record<string, string>;
    if (kind === 'sqlite') {
      const dataDir = tempDir('restored-data-');
      restoreEnv = { DATA_DIR: dataDir };
      restoredConfig = { kind, file: join(dataDir, 'outreach-log.sqlite') };
    } else {
      restoredDatabase = `outreach_restore_${randomBytes(5).toString('hex')}`;
      await postgresQuery(process.env.TEST_DATABASE_URL!, `create database ${restoredDatabase}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${restoredDatabase}`;
      restoreEnv = { DATABASE_URL: url.toString() };
      const schema = (server.database.config as { schema: string }).schema;
      restoredConfig = { kind, connectionString: url.toString(), schema };
    }
    const restore = await npmRun('restore', ['--from', backupFile], restoreEnv);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const restored = await buildApp({ database: restoredConfig });
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
    } finally {
      await restored.close();
    }
  });

  it.runIf(kind === 'sqlite')(
    'restore refuses to overwrite a database unless told, and keeps the old one aside',
    async () => {
      const source = await startTestServer('sqlite');
      const backupFile = join(tempDir('backup-out-'), 'copy.sqlite');
      try {
        expect((await npmRun('backup', ['--output', backupFile], source.database.env)).code).toBe(
          0,
        );
        // A second backup to the same file would overwrite the first: refused.
        const again = await npmRun('backup', ['--output', backupFile], source.database.env);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toContain('already exists');
      } finally {
        await source.close();
      }
      const dataDir = tempDir('restore-target-');
      writeFileSync(join(dataDir, 'not-a-db.sqlite'), 'x');
      const first = await npmRun('restore', ['--from', backupFile], { DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      const refused = await npmRun('restore', ['--from', backupFile], { DATA_DIR: dataDir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('--replace');
      const replaced = await npmRun('restore', ['--from', backupFile, '--replace'], {
        DATA_DIR: dataDir,
      });
      expect(replaced.code).toBe(0);
      expect(replaced.stdout).toContain('before-restore-');
      const damaged = await npmRun('restore', ['--from', join(dataDir, 'not-a-db.sqlite')], {
        DATA_DIR: tempDir('restore-target-'),
      });
      expect(damaged.code).not.toBe(0);
    },
  );
});
