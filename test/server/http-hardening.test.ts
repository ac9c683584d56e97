import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type TestServer } from './support/test-server';

const INLINE_STYLE = 'body{margin:0}.boot__bar{background:#0b5d4b}';
const INDEX = `<!doctype html><html><head><style>${INLINE_STYLE}</style></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`;

/** A raw request line, so the URL reaches the server exactly as written (fetch would fix it). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Raw bytes on a socket (a request Node's parser refuses before Fastify sees it); the answer. */
function rawExchange(base: string, request: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
    socket.setEncoding('utf8').on('data', (c: string) => (answer += c));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe.each(DATABASE_KINDS)('HTTP hardening (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let clientDir: string;

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'outreach-client-'));
    writeFileSync(join(clientDir, 'index.html'), INDEX);
    server = await startTestServer(kind, { clientDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('sends security headers with a CSP that allows the inline app bar by hash, not unsafe-inline', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    const hash = createHash('sha256').update(INLINE_STYLE).digest('base64');
    expect(csp).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    for (const answer of [page, await fetch(`${server.baseUrl}/api/health`)]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(answer.headers.get('content-security-policy')).toBe(csp);
    }
  });

  it('refuses deep or oversized JSON cheaply, even before login', async () => {
    const depth = 200_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const started = Date.now();
    const login = await server.call('POST', '/api/auth/login', { rawBody: deep });
    expect(login.status).toBe(413);
    expect(login.headers.get('content-type')).toContain('application/problem+json');
    const nested = `{"username":${'['.repeat(1000)}${']'.repeat(1000)},"password":"x","deviceName":"y"}`;
    const tooDeep = await server.call('POST', '/api/auth/login', { rawBody: nested });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.detail).toBe('Dữ liệu gửi lên lồng nhau quá sâu.');
    const push = await server.admin.call('POST', '/api/sync/push', { rawBody: deep });
    expect(push.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(5_000);
    const proto = await server.call('POST', '/api/auth/login', {
      rawBody: '{"__proto__":{"x":1},"username":"a","password":"b","deviceName":"c"}',
    });
    expect(proto.status).toBe(400);
  });

  it('answers a malformed URL with problem+json', async () => {
    for (const path of ['/api/%zz', '/api/sync/history/%E0%A4%A']) {
      const answer = await rawGet(server.baseUrl, path);
      expect(answer.status, path).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 400 });
    }
  });

  it('answers a request Node refuses before routing (headers too large, a broken request line) with problem+json', async () => {
    const long = await fetch(`${server.baseUrl}/api/health?q=${'x'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(await long.json()).toMatchObject({ status: 431, code: 'problem.headersTooLarge' });

    const broken = await rawExchange(server.baseUrl, 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 /);
    expect(broken).toMatch(/content-type: application\/problem\+json/i);
    const body = JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4)) as { code: string };
    expect(body.code).toBe('problem.malformedRequest');
    // The server still answers everyone else.
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  });

  // Last: it breaks the database under the server.
  it('reports 503 on /api/health while the database does not answer, 200 once it does', async () => {
    expect((await server.call('GET', '/api/health')).status).toBe(200);
    const config = server.database.config;
    const rename = async (from: string, to: string) => {
      if (config.kind === 'sqlite') {
        const handle = new SqliteDatabase(config.file);
        handle.exec(`alter table ${from} rename to ${to}`);
        handle.close();
      } else {
        const client = new pg.Client({ connectionString: config.connectionString });
        await client.connect();
        await client.query(`alter table ${config.schema}.${from} rename to ${to}`);
        await client.end();
      }
    };
    await rename('version_counter', 'version_counter_away');
    const down = await server.call('GET', '/api/health');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.type).toBe('urn:outreach-log:problem:unavailable');
    await rename('version_counter_away', 'version_counter');
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  });
});
