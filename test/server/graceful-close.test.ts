import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { talk, UNITS, upsert } from './support/fixtures';
import { jpegLikeBytes } from './support/jpeg-header';
import { uploadPhoto } from './support/photo-upload';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer } from './support/test-server';

// Shutting down (a restart, an upgrade) waits for the answers in flight, then stops. An answer
// whose headers left before the shutdown began was promised a kept-alive connection; once it is
// sent, that connection must be closed, not left to hold the shutdown until its keep-alive
// timeout (72 s — longer than server.ts's 15 s grace, which would then exit(1) with the
// database still open).

describe.each(DATABASE_KINDS)('shutting down with an answer in flight (%s)', (kind) => {
  it('finishes a photo download that began before the shutdown, then closes at once', async () => {
    const server = await startTestServer(kind);
    let closed: Promise<number> | undefined;
    try {
      const officer = await server.officer('commune', UNITS.vinhThanh);
      const bytes = jpegLikeBytes(200_000);
      const hash = await uploadPhoto(officer, bytes);
      const photo = {
        sha256: hash,
        mime: 'image/jpeg',
        size: bytes.length,
        width: 1600,
        height: 1200,
        caption: 'Ảnh',
        signedSheet: false,
        addedAt: new Date().toISOString(),
      };
      const [pushed] = await officer.push([
        upsert(talk(officer.user, UNITS.vinhThanh, { photos: [photo] } as Partial<Activity>)),
      ]);
      expect(pushed?.status).toBe('applied');

      // The shutdown (SIGTERM) arrives while the photo's bytes are being sent: its headers
      // (keep-alive) are decided, its body is on its way.
      server.app.server.on('request', (req, res) => {
        if (req.method === 'GET' && req.url === `/api/photos/${hash}`) {
          res.once('pipe', () => (closed = server.app.close().then(() => Date.now())));
        }
      });
      const agent = new Agent({ keepAlive: true });
      const { status, connection, received } = await new Promise<{
        status: number | undefined;
        connection: string | undefined;
        received: number;
      }>((resolve, reject) => {
        const req = request(`${server.baseUrl}/api/photos/${hash}`, {
          agent,
          headers: { authorization: `Bearer ${officer.token}` },
        });
        req
          .on('response', (response) => {
            let n = 0;
            response.on('data', (chunk: Buffer) => (n += chunk.length));
            response.on('end', () =>
              resolve({
                status: response.statusCode,
                connection: response.headers.connection,
                received: n,
              }),
            );
          })
          .on('error', reject)
          .end();
      });
      const finishedAt = Date.now();
      // The download is whole, on a connection the server had promised to keep…
      expect(status).toBe(200);
      expect(received).toBe(bytes.length);
      expect(connection).toBe('keep-alive');
      expect(closed, 'the shutdown began during the download').toBeDefined();
      // …and the shutdown follows it at once instead of waiting for the connection to time out.
      const closedAt = await Promise.race([
        closed!,
        new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), 5_000)),
      ]);
      expect(closedAt - finishedAt).toBeLessThan(3_000);
      agent.destroy();
    } finally {
      await (closed ?? server.app.close());
      await server.database.drop();
    }
  }, 120_000);
});
