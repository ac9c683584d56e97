import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/shared/sync/sync-protocol';
import type { LoginResponse } from '../../src/shared/auth/auth-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { call } from './support/http-client';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/test-database';

const ROOT = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `src/server/server.ts` as a real process, with its stdout collected line by line. */
class ServerProcess {
  readonly lines: string[] = [];
  private readonly waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] =
    [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
      cwd: ROOT,
      env: { ...childEnv, CLIENT_DIR: join(ROOT, '.tmp', 'no-client-build') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) this.onLine(line);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  private onLine(line: string) {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(line)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  }

  waitFor(test: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  async baseUrl(): Promise<string> {
    const line = await this.waitFor((l) => l.includes('Server listening at http://127.0.0.1:'));
    return /http:\/\/127\.0\.0\.1:\d+/.exec(line)![0];
  }

  signal(name: NodeJS.Signals) {
    this.child.kill(name);
  }
}

describe.each(DATABASE_KINDS)('server process (%s)', { timeout: 60_000 }, (kind) => {
  let database: TestDatabase;
  let running: ServerProcess | undefined;

  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // The first admin's password file goes to DATA_DIR, with PostgreSQL too.
    dataDir = database.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'outreach-data-'));
    env = { ...database.env, DATA_DIR: dataDir };
  });
  afterAll(async () => {
    running?.signal('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the first admin password once to an owner-only file, finishes in-flight requests on SIGTERM, then exits', async () => {
    const server = (running = new ServerProcess(env));
    const base = await server.baseUrl();
    const file = join(dataDir, 'initial-admin-password.txt');
    const notice = await server.waitFor((l) => l.includes('initial-admin-password.txt'));
    expect(notice).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(server.lines.some((l) => l.includes(password))).toBe(false);
    expect((await call(base, 'GET', '/api/health')).body).toMatchObject({
      status: 'ok',
      database: kind,
    });

    const admin = (
      await call<LoginResponse>(base, 'POST', '/api/auth/login', {
        body: { username: 'admin', password, deviceName: 'Máy chủ' },
      })
    ).body;
    await call(base, 'POST', '/api/admin/users', {
      token: admin.token,
      body: {
        username: 'lan',
        password: 'mat-khau-123',
        role: 'commune',
        unitCode: UNITS.vinhThanh,
        geographyId: 'kien-giang-2024',
      },
    });
    const lan = (
      await call<LoginResponse>(base, 'POST', '/api/auth/login', {
        body: { username: 'lan', password: 'mat-khau-123', deviceName: 'Điện thoại' },
      })
    ).body;

    // A push whose body is still arriving when the signal comes.
    const records = [0, 1, 2].map(() => talk(lan.user, UNITS.vinhThanh));
    const body = JSON.stringify({ mutations: records.map((r) => upsert(r)) });
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /api/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${lan.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 100),
    );
    await server.waitFor(
      (l) => l.includes('"url":"/api/sync/push"') && l.includes('incoming request'),
    );
    server.signal('SIGTERM');
    await server.waitFor((l) => l.includes('shutting down'));
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    socket.write(body.slice(100));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    const results = (JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as PushResponse)
      .results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const code = await server.exited;
    if (code !== 0) console.log(server.lines.join('\n'));
    expect(code).toBe(0);
    expect(server.lines.some((l) => l.includes('shut down cleanly'))).toBe(true);

    // Restarted on the same database: nothing lost, and no new admin password.
    rmSync(file);
    const again = (running = new ServerProcess(env));
    const base2 = await again.baseUrl();
    const pulled = await call<PullResponse>(base2, 'GET', '/api/sync/pull?limit=1000', {
      token: lan.token,
    });
    const ids = pulled.body.changes
      .filter((c) => c.collection === 'activities')
      .map((c) => c.recordId);
    expect(ids).toEqual(records.map((r) => r.id));
    expect(existsSync(file)).toBe(false);
    again.signal('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('keeps answering and stops on SIGTERM when nobody reads its stdout', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        ...(env.DATABASE_URL ? {} : { DATABASE_URL: '' }),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CLIENT_DIR: join(ROOT, '.tmp', 'no-client-build'),
      },
      // stdout is a socket whose reader never reads: it fills up and stays full.
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let tries = 0; ; tries++) {
        const ok = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (tries > 300) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
      // Each request logs two lines: a few megabytes of log, far more than the socket holds.
      const long = 'x'.repeat(3000);
      for (let round = 0; round < 60; round++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () =>
            fetch(`${base}/api/no-such-route/${long}`, { signal: AbortSignal.timeout(10_000) }),
          ),
        );
        expect(answers.every((a) => a.status === 404)).toBe(true);
      }
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000)),
      ]);
      expect(code).not.toBe('hung');
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
