import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  agencyIdSchema,
  agencySchema,
  type AgenciesResponse,
} from '../../../shared/agencies/agency.schema';
import { badRequest } from '../../http/problem';
import { parseWith } from '../../http/parse';
import { authOf, requireAdmin, type AuthHook } from '../auth/authenticate';
import type { AgencyService } from './agency.service';

const paramsSchema = z.object({ id: agencyIdSchema });

/** Agencies: every signed-in user reads them (phones also get them by pull); admins edit. */
export function registerAgencyRoutes(
  app: FastifyInstance,
  agencies: AgencyService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.get('/api/agencies', guarded, async (request): Promise<AgenciesResponse> => {
    authOf(request);
    return { agencies: await agencies.list() };
  });

  app.put('/api/admin/agencies/:id', guarded, async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(paramsSchema, request.params);
    const agency = parseWith(agencySchema, request.body);
    if (agency.id !== id) throw badRequest('agencyIdMismatch');
    await agencies.save(agency, admin.user.username);
    return { agency };
  });
}
