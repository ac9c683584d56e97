import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_PUSH_BYTES, pushEnvelopeSchema } from '../../../shared/sync/sync-protocol';
import { sendJsonText } from '../../http/compression';
import { parseWith } from '../../http/parse';
import { JSON_TEXT_BODY, JsonBodyText } from '../../http/json-body';
import { requestLocale } from '../../http/request-locale';
import type { WorkGate } from '../../http/work-gate';
import { authOf, type AuthHook } from '../auth/authenticate';
import { localizePushResponse } from './localize-push-response';
import type { SyncService } from './sync.service';

const pullQuerySchema = z.object({
  since: z.string().optional(),
  limit: z.string().optional(),
  unit: z.string().max(20).optional(),
  geography: z.string().max(60).optional(),
  count: z.enum(['activities']).optional(),
});
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
    async (request) => {
      // Any other body (none, another content type) is checked as one, as before.
      const text =
        request.body instanceof JsonBodyText
          ? request.body.text
          : JSON.stringify(parseWith(pushEnvelopeSchema, request.body));
      const answer = await gate.run(() => sync.push(authOf(request), text));
      return localizePushResponse(answer, requestLocale(request));
    },
  );

  app.get('/api/sync/pull', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(pullQuerySchema, request.query);
    const json = await gate.run(() => sync.pull(authOf(request), query));
    return sendJsonText(request, reply, json);
  });

  app.get('/api/sync/history/:recordId', { onRequest: authenticate }, async (request) => {
    const { recordId } = parseWith(historyParamsSchema, request.params);
    return gate.run(() => sync.history(authOf(request), recordId));
  });
}
