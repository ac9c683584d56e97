import fastifyCompress from '@fastify/compress';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompressedBodies } from './compressed-bodies';
import { noteWork } from './request-log';

/** Answers smaller than this are sent as they are. */
export const SMALL_ANSWER_BYTES = 4096;

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
    // Under 4 kB (a push's answer, a problem) the plugin would compress synchronously on the
    // server's thread — brotli's set-up alone costs more than the bytes saved.
    threshold: SMALL_ANSWER_BYTES,
  });
}

const brotli = promisify(zlib.brotliCompress);
/** One per process: a page's compressed bytes depend only on its bytes and the encoding. */
const compressedBodies = new CompressedBodies();
const gzip = promisify(zlib.gzip);

/** br, else gzip, by the request's Accept-Encoding (a q=0 refuses); null: send it as it is. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    accepted.set(name === 'x-gzip' ? 'gzip' : name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * Sends a large JSON text or its UTF-8 bytes (a pull page) compressed in one call on libuv's thread pool. Through
 * the plugin, a string body is measured (Buffer.byteLength over the whole text), cut into
 * chunks and streamed through zlib chunk by chunk on the event loop: at 500 phones that was
 * ~12 % of the server's thread, against one UTF-8 encoding and one hand-off here. Same
 * encodings and levels as the plugin (brotli 4, gzip 6); the plugin leaves an encoded body be.
 * A large page sent alike to several phones is compressed once (compressed-bodies.ts).
 */
export async function sendJsonText(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string | Buffer,
): Promise<FastifyReply> {
  reply.type('application/json; charset=utf-8');
  const body = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
  const encoding =
    body.length < SMALL_ANSWER_BYTES ? null : pickEncoding(request.headers['accept-encoding']);
  // Small, or not asked compressed: as text, which the plugin leaves alone under its threshold.
  if (encoding === null) return reply.send(typeof json === 'string' ? json : body.toString('utf8'));
  const compressed = await compressedBodies.compressed(body, encoding, (bytes) =>
    compress(bytes, encoding),
  );
  return sendCompressed(reply, compressed, encoding);
}

/**
 * A pull page: sent from the compressed bytes kept for its identity (see
 * CompressedBodies.byIdentity) without building it, else built and sent as sendJsonText does.
 * No identity: always built, and kept by its bytes' hash.
 */
export async function sendJsonPage(
  request: FastifyRequest,
  reply: FastifyReply,
  identity: string | undefined,
  build: () => Promise<Buffer>,
  /** Called with the compressed bytes before they are sent (the pull page cache). */
  compressedTo?: (encoding: 'br' | 'gzip', compressed: Buffer) => void,
): Promise<FastifyReply> {
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (identity === undefined || encoding === null)
    return sendJsonText(request, reply, await build());
  let built = false;
  const page = await compressedBodies.byIdentity(
    identity,
    encoding,
    () => ((built = true), build()),
    (bytes) => compress(bytes, encoding),
  );
  if ('body' in page) return sendJsonText(request, reply, page.body);
  // Whether this page was built here or its compressed bytes were already kept (request log).
  noteWork(request, { page: built ? 'built' : 'shared' });
  compressedTo?.(encoding, page.compressed);
  reply.type('application/json; charset=utf-8');
  return sendCompressed(reply, page.compressed, encoding);
}

/** Brotli 4 or gzip 6, as the plugin does (see sendJsonText). */
function compress(bytes: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      })
    : gzip(bytes);
}

/** Sends JSON already compressed with `encoding` (also a pull page from the page cache). */
export function sendCompressed(
  reply: FastifyReply,
  compressed: Buffer,
  encoding: string,
): FastifyReply {
  // As a one-chunk stream: Fastify tells a Buffer by `payload.buffer instanceof ArrayBuffer`,
  // which is false in a test environment with its own globals (jsdom), and would send it as JSON.
  return reply
    .header('vary', 'accept-encoding')
    .header('content-encoding', encoding)
    .header('content-length', compressed.length)
    .send(Readable.from([compressed]));
}
