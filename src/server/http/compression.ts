import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API answers by Accept-Encoding (br preferred, then gzip). A first sync of 10,000
 * records is ~15 MB of JSON and ~1.7 MB gzipped: on a 400 kbit/s rural link that is minutes
 * against seconds. Brotli at quality 4 (the plugin's default, not zlib's 11) compresses JSON
 * better than gzip -6 at about gzip -1's speed. Large bodies go through zlib streams, which run
 * on libuv's thread pool, not the event loop.
 *
 * Registered after the static client: the plugin hooks only routes added after it, so the PWA's
 * files keep being served from their pre-compressed .br/.gz copies (vite.config.ts) untouched.
 */
export async function registerApiCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
  });
}
