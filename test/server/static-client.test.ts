import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { call } from './support/http-client';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// Serving the built PWA does not depend on the database kind: SQLite only.
describe('serving the PWA next to the API', () => {
  let dir: string;
  let database: TestDatabase;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'client-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sổ truyền thông</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"outreach-log"}');
    writeFileSync(join(dir, 'assets', 'index-B3x9kQ.js'), 'console.log(1);');
    // As the build's precompress step writes them.
    writeFileSync(join(dir, 'assets', 'index-B3x9kQ.js.br'), brotliCompressSync('console.log(1);'));
    database = await createTestDatabase('sqlite');
    app = await buildApp({ database: database.config, clientDir: dir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app shell, the service worker and the manifest with no-cache', async () => {
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const answer = await call(base, 'GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await call(base, 'GET', '/')).body).toContain('Sổ truyền thông');
  });

  it('caches hashed assets forever', async () => {
    const answer = await call(base, 'GET', '/assets/index-B3x9kQ.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the precompressed file to browsers that accept it, the plain one to others', async () => {
    const fetchRaw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get(
          `${base}/assets/index-B3x9kQ.js`,
          { headers: { 'accept-encoding': encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        ).on('error', reject);
      });
    const br = await fetchRaw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe('console.log(1);');
    const plain = await fetchRaw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('console.log(1);');
  });

  it('sends the app shell and the service worker readable to a browser accepting br (API compression leaves them alone)', async () => {
    for (const [path, text] of [
      ['/', 'Sổ truyền thông'],
      ['/some/client/route', 'Sổ truyền thông'],
      ['/sw.js', 'addEventListener'],
    ] as const) {
      const answer = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
        (resolve, reject) => {
          get(`${base}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', reject);
        },
      );
      const body =
        answer.headers['content-encoding'] === 'br'
          ? brotliDecompressSync(answer.body)
          : answer.body;
      expect(body.toString('utf8'), path).toContain(text);
    }
  });

  it('answers client-side routes with the app shell, but missing files and API paths with 404', async () => {
    const route = await call(base, 'GET', '/activities/0190abcd/edit');
    expect(route.status).toBe(200);
    expect(route.body).toContain('Sổ truyền thông');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await call(base, 'GET', '/assets/index-old.js')).status).toBe(404);
    const api = await call(base, 'GET', '/api/khong-co');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(base, 'GET', '/api/health')).body).toEqual({
      status: 'ok',
      database: 'sqlite',
    });
  });
});
