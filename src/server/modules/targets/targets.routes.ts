import type { FastifyInstance } from 'fastify';
import {
  targetSetSchema,
  targetsQuerySchema,
  type UnitTargets,
} from '../../../shared/reports/report-targets';
import { parseWith } from '../../http/parse';
import { authOf, type AuthHook } from '../auth/authenticate';
import type { TargetService } from './target.service';

/** Yearly targets per unit (docs/reports.md, "Targets"). */
export function registerTargetRoutes(
  app: FastifyInstance,
  targets: TargetService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.get('/api/reports/targets', guarded, async (request, reply) => {
    const query = parseWith(targetsQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    const answer: UnitTargets = await targets.get(authOf(request), query);
    return answer;
  });

  app.put('/api/reports/targets', guarded, async (request) => {
    const body = parseWith(targetSetSchema, request.body);
    const answer: UnitTargets = await targets.set(authOf(request), body);
    return answer;
  });
}
