import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything outside /assets/ (index.html, sw.js, the manifest, icons) must be revalidated, or
// phones keep running an old build.
const REVALIDATE = 'no-cache';

/** Whether a built client exists to serve. */
export function hasClientBuild(dir: string | null | undefined): dir is string {
  return !!dir && existsSync(join(dir, 'index.html'));
}

/**
 * Serves the built PWA: hashed assets cached forever, the rest revalidated. Returns the handler
 * for unknown non-API paths: the app shell for navigations (client-side routes), 404 otherwise.
 */
export async function registerStaticClient(
  app: FastifyInstance,
  dir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => unknown> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    cacheControl: false,
    // The build writes .br/.gz beside each text file (vite.config.ts); send those when accepted.
    preCompressed: true,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.includes('/assets/') ? IMMUTABLE : REVALIDATE);
    },
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isNavigation =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/assets/') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (!isNavigation) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  };
}
