import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sha256HexSchema } from '../../../shared/photos/photo.schema';
import {
  PHOTO_CHUNK_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
} from '../../../shared/photos/photo-upload-protocol';
import { PROBLEM_TYPES } from '../../../shared/sync/sync-protocol';
import { parseWith } from '../../http/parse';
import { badRequest, HttpProblem } from '../../http/problem';
import { authOf, type AuthHook } from '../auth/authenticate';
import type { PhotoService } from './photo.service';

const paramsSchema = z.object({ sha256: sha256HexSchema });

function byteCountHeader(request: FastifyRequest, name: string): number {
  const value = request.headers[name];
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) {
    throw badRequest('badByteHeader', { header: name });
  }
  return Number(value);
}

export function registerPhotoRoutes(
  app: FastifyInstance,
  photos: PhotoService,
  authenticate: AuthHook,
) {
  prunePhotoUploadsDaily(app, photos);
  // Chunks are raw bytes, streamed to storage as they arrive (never buffered whole).
  app.addContentTypeParser(PHOTO_CHUNK_CONTENT_TYPE, (_request, payload, done) =>
    done(null, payload),
  );

  app.get('/api/photos/:sha256/upload', { onRequest: authenticate }, async (request, reply) => {
    const { sha256 } = parseWith(paramsSchema, request.params);
    const status = await photos.status(sha256);
    reply.header('cache-control', 'no-store').header(UPLOAD_OFFSET_HEADER, String(status.offset));
    return status;
  });

  app.patch('/api/photos/:sha256/upload', { onRequest: authenticate }, async (request, reply) => {
    const { sha256 } = parseWith(paramsSchema, request.params);
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== PHOTO_CHUNK_CONTENT_TYPE) {
      throw new HttpProblem(415, PROBLEM_TYPES.unsupportedMediaType, 'chunkContentType', {
        contentType: PHOTO_CHUNK_CONTENT_TYPE,
      });
    }
    const offset = byteCountHeader(request, UPLOAD_OFFSET_HEADER);
    const length = byteCountHeader(request, UPLOAD_LENGTH_HEADER);
    const status = await photos.append(authOf(request), sha256, {
      offset,
      length,
      body: request.body as AsyncIterable<Uint8Array>,
      abort: () => request.raw.destroy(),
    });
    reply.header(UPLOAD_OFFSET_HEADER, String(status.offset));
    return status;
  });

  app.get('/api/photos/:sha256', { onRequest: authenticate }, async (request, reply) => {
    const { sha256 } = parseWith(paramsSchema, request.params);
    const photo = await photos.read(authOf(request), sha256);
    return (
      reply
        .type(photo.mime)
        .header('content-length', String(photo.size))
        .header('etag', `"${sha256}"`)
        // The bytes under a hash never change; private: the answer depends on the caller's rights.
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(photo.stream)
    );
  });
}

/** Abandoned uploads are pruned once the server is up, then every day while it runs. */
function prunePhotoUploadsDaily(app: FastifyInstance, photos: PhotoService): void {
  const prune = () =>
    photos.pruneAbandonedUploads().then(
      (count) => {
        if (count > 0) app.log.info({ count }, 'abandoned photo uploads removed');
      },
      (error: unknown) => app.log.warn({ err: error }, 'pruning abandoned photo uploads failed'),
    );
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    void prune();
    timer = setInterval(() => void prune(), 24 * 3600_000).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
