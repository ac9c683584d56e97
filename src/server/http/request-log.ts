import type { FastifyInstance } from 'fastify';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One log line per request, when it is answered (method, URL, status, time), instead of
 * Fastify's two: at 500 phones the log was ~6 % of the server's one thread, written in the same
 * turns as everyone's answers (docs/performance.md, "What blocks the server's event loop").
 * A write also gets its "incoming request" line on arrival, so a crash in the middle of a push
 * still leaves its trace.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (WRITES.has(request.method)) request.log.info({ req: request }, 'incoming request');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        req: WRITES.has(request.method) ? undefined : request,
        res: reply,
        responseTime: reply.elapsedTime,
      },
      'request completed',
    );
  });
}
