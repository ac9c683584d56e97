import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_PUSH_BYTES, pushEnvelopeSchema } from '../../../shared/sync/sync-protocol';
import { pickEncoding, sendCompressed, sendJsonPage } from '../../http/compression';
import { parseWith } from '../../http/parse';
import { JSON_TEXT_BODY, JsonBodyText } from '../../http/json-body';
import { requestLocale } from '../../http/request-locale';
import { noteWork, timedInGate } from '../../http/request-log';
import type { WorkGate } from '../../http/work-gate';
import { authOf, type AuthHook } from '../auth/authenticate';
import { localizePushResponse } from './localize-push-response';
import type { SyncService } from './sync.service';

const pullQuerySchema = z.object({
  since: z.string().optional(),
  limit: z.string().optional(),
  unit: z.string().max(20).optional(),
  geography: z.string().max(60).optional(),
  count: z.enum(['activities', 'records']).optional(),
});
const JSON_TYPE = 'application/json; charset=utf-8';
const historyParamsSchema = z.object({ recordId: z.uuid() });

export function registerSyncRoutes(
  app: FastifyInstance,
  sync: SyncService,
  authenticate: AuthHook,
  gate: WorkGate,
) {
  app.post(
    '/api/sync/push',
    // The body stays text here: SyncService.push parses it (on SQLite in the push worker).
    { onRequest: authenticate, bodyLimit: MAX_PUSH_BYTES, config: JSON_TEXT_BODY },
    async (request, reply) => {
      // Any other body (none, another content type) is checked as one, as before.
      const text =
        request.body instanceof JsonBodyText
          ? request.body.text
          : JSON.stringify(parseWith(pushEnvelopeSchema, request.body));
      // A refused push (503) is neither parsed nor applied: sending it again is exactly-once.
      const answer = await gate.run(
        'push',
        timedInGate(request, () => sync.push(authOf(request), text)),
        reply.elapsedTime,
      );
      sync.sawPushed(answer);
      return localizePushResponse(answer, requestLocale(request));
    },
  );

  app.get('/api/sync/pull', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(pullQuerySchema, request.query);
    // A first sync (from version 0) sends the largest pages: queued and estimated apart.
    const kind = /^0?(\.|$)/.test(query.since ?? '') ? 'fullPull' : 'pull';
    // Weighed by its page's expected size (no query: see pull-size-estimate.ts), so a burst of
    // catch-up pages is not admitted as if each were a short pull. Reading, writing and
    // compressing the page all run inside the gate: else every admitted page would queue,
    // unbounded, on libuv's thread pool (brotli of ~0.5 MB pages), out of the gate's sight.
    const caller = authOf(request);
    // A full page another reader of the same scope has already been sent from the same cursor
    // is sent again as it is, without a query (pull-page-cache.ts; readers' chains of pages
    // meet: pull-page-cut.ts) — and a pull since a cursor without a turn in the work gate. A
    // first sync's first page still takes its turn in the bulk lane: served at once, new
    // phones would crowd pushes out (pushes are preferred, docs/server.md "Back-pressure").
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const keptPage = () =>
      encoding === null ? undefined : sync.cachedPullPage(caller, query, encoding);
    const kept = kind === 'pull' ? keptPage() : undefined;
    if (kept) {
      noteWork(request, { page: 'kept' });
      return sendCompressed(reply.type(JSON_TYPE), kept, encoding!);
    }
    const expected = sync.expectedPullRows(caller, query);
    const owed = sync.continuesCatchUp(caller, query);
    noteWork(request, {
      expected,
      estimateMs: Math.round(gate.estimateOf(kind, expected)),
      ...(owed ? { owed: 1 } : {}),
    });
    return gate.run(
      kind,
      timedInGate(request, async (weigh: (rows: number, typical?: boolean) => void) => {
        const keptNow = keptPage();
        if (keptNow) {
          weigh(0, false);
          noteWork(request, { page: 'kept' });
          return sendCompressed(reply.type(JSON_TYPE), keptNow, encoding!);
        }
        const plan = await sync.planPull(caller, query);
        weigh(plan.page.length);
        noteWork(request, { rows: plan.page.length });
        let built = false;
        const sent = await sendJsonPage(
          request,
          reply,
          sync.pageIdentity(plan),
          () => {
            built = true;
            return sync.pullPage(plan);
          },
          (used, compressed) => sync.keepPage(plan, used, compressed),
        );
        // A page sent from bytes already kept says nothing of what building one costs.
        if (!built) weigh(plan.page.length, false);
        return sent;
      }),
      reply.elapsedTime,
      expected,
      owed,
    );
  });

  app.get('/api/sync/history/:recordId', { onRequest: authenticate }, async (request, reply) => {
    const { recordId } = parseWith(historyParamsSchema, request.params);
    return gate.run(
      'history',
      timedInGate(request, () => sync.history(authOf(request), recordId)),
      reply.elapsedTime,
    );
  });
}
