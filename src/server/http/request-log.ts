import type { FastifyInstance, FastifyRequest } from 'fastify';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One log line per request, when it is answered (method, URL, status, time), instead of
 * Fastify's two: at 500 phones the log was ~6 % of the server's one thread, written in the same
 * turns as everyone's answers (docs/performance.md, "What blocks the server's event loop").
 * A write also gets its "incoming request" line on arrival, so a crash in the middle of a push
 * still leaves its trace.
 */
/** When a sync request left the work gate's queue, and how long it had queued (ms). */
const gateStarts = new WeakMap<FastifyRequest, { queuedMs: number; startedAt: number }>();

/**
 * `work` as the work gate will run it, noting how long the request queued before it started:
 * its log line then tells a slow answer's queue (`gate.queuedMs`) from its own work and
 * sending (`gate.workMs`, up to the answer's log line). A refused request never starts.
 */
export function timedInGate<A extends unknown[], T>(
  request: FastifyRequest,
  work: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  const arrived = performance.now();
  return (...args: A) => {
    const startedAt = performance.now();
    gateStarts.set(request, { queuedMs: startedAt - arrived, startedAt });
    return work(...args);
  };
}

/**
 * What a sync request noted about itself for its log line (a pull: the rows the gate expected
 * and its estimate, the rows the page had, whether it was built or shared), so a slow catch-up
 * can be read from the log: refused on a wrong estimate, queued, or slow to build.
 */
const workNotes = new WeakMap<FastifyRequest, Record<string, number | string>>();

/** Adds facts to the request's "request completed" line (under `gate`). */
export function noteWork(request: FastifyRequest, facts: Record<string, number | string>): void {
  workNotes.set(request, { ...workNotes.get(request), ...facts });
}

function gateTiming(request: FastifyRequest) {
  const start = gateStarts.get(request);
  if (!start) return workNotes.get(request);
  return {
    queuedMs: Math.round(start.queuedMs),
    workMs: Math.round(performance.now() - start.startedAt),
    ...workNotes.get(request),
  };
}

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
        gate: gateTiming(request),
        // When a refused phone was told to come back (s): the gate's booking, to check it.
        retryAfter: reply.statusCode === 503 ? reply.getHeader('retry-after') : undefined,
      },
      'request completed',
    );
  });
}
