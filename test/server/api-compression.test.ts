import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { talk, UNITS, upsert } from './support/fixtures';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Compression does not depend on the database kind: SQLite only.
describe('API answers compressed by Accept-Encoding', () => {
  let server: TestServer;
  let officer: Session;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    officer = await server.officer('commune', UNITS.vinhThanh);
    await officer.push(
      Array.from({ length: 30 }, () => upsert(talk(officer.user, UNITS.vinhThanh))),
    );
  });
  afterAll(() => server?.close());

  const raw = (path: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        get(
          `${server.baseUrl}${path}`,
          {
            headers: {
              authorization: `Bearer ${officer.token}`,
              ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        ).on('error', reject);
      },
    );

  it('sends a pull brotli-compressed to a client that accepts br, same JSON, several times smaller', async () => {
    const plain = await raw('/api/sync/pull?since=0');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw('/api/sync/pull?since=0', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toContain('application/json');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(
      JSON.parse(plain.body.toString('utf8')),
    );
    expect(br.body.length * 4).toBeLessThan(plain.body.length);
  });

  it('falls back to gzip for a client without brotli', async () => {
    const gz = await raw('/api/sync/pull?since=0', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(gz.body).toString('utf8'));
    expect(
      body.changes.filter((c: { collection: string }) => c.collection === 'activities'),
    ).toHaveLength(30);
  });

  it('honours q=0 and wildcards in Accept-Encoding for a pull', async () => {
    const noBr = await raw('/api/sync/pull?since=0', 'br;q=0, gzip;q=0.5');
    expect(noBr.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(noBr.body).toString('utf8')).changes.length).toBeGreaterThan(30);
    const any = await raw('/api/sync/pull?since=0', '*');
    expect(any.headers['content-encoding']).toBe('br');
    const identity = await raw('/api/sync/pull?since=0', 'identity, br;q=0, gzip;q=0');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(identity.body.toString('utf8')).changes.length).toBeGreaterThan(30);
  });

  it('compresses problem details too, and leaves tiny answers alone', async () => {
    const health = await raw('/api/health', 'br');
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8')).status).toBe('ok');
    const openApi = await raw('/api/openapi.json', 'br');
    expect(openApi.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(openApi.body).toString('utf8')).openapi).toMatch(/^3\./);
  });
});
