import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createUserRequestSchema,
  resetPasswordRequestSchema,
} from '../../../shared/auth/account.schema';
import { parseWith } from '../../http/parse';
import type { AccountService } from '../auth/account.service';
import { requireAdmin, type AuthHook } from '../auth/authenticate';

const userParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** User management: admin role only (checked on every route). */
export function registerAdminRoutes(
  app: FastifyInstance,
  accounts: AccountService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.get('/api/admin/users', guarded, async (request) => {
    requireAdmin(request);
    return { users: await accounts.listUsers() };
  });

  app.post('/api/admin/users', guarded, async (request, reply) => {
    requireAdmin(request);
    const body = parseWith(createUserRequestSchema, request.body);
    return reply.code(201).send({ user: await accounts.createUser(body) });
  });

  app.put('/api/admin/users/:id/password', guarded, async (request, reply) => {
    requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    const { password } = parseWith(resetPasswordRequestSchema, request.body);
    await accounts.resetPassword(id, password);
    return reply.code(204).send();
  });

  app.get('/api/admin/users/:id/devices', guarded, async (request) => {
    requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    return { devices: await accounts.listDevices(id) };
  });

  app.delete('/api/admin/users/:id/devices', guarded, async (request) => {
    requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    return { revoked: await accounts.revokeDevices(id) };
  });
}
