import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  pushEnvelopeSchema,
} from '../../../shared/sync/sync-protocol';
import { sendJsonText } from '../../http/compression';
import { parseWith } from '../../http/parse';
import { payloadTooLarge } from '../../http/problem';
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
    { onRequest: authenticate, bodyLimit: MAX_PUSH_BYTES },
    async (request) => {
      const mutations = (request.body as { mutations?: unknown } | null)?.mutations;
      // Too many mutations is the client's batch size, not a malformed request: 413, so it splits.
      if (Array.isArray(mutations) && mutations.length > MAX_PUSH_MUTATIONS) {
        throw payloadTooLarge('tooManyMutations', { max: MAX_PUSH_MUTATIONS });
      }
      const body = parseWith(pushEnvelopeSchema, request.body);
      const answer = await gate.run(() => sync.push(authOf(request), body.mutations));
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
