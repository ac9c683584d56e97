import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  auditLogQuerySchema,
  type AuditLogResponse,
  type CreateUserResponse,
  type UsersResponse,
} from '../../../shared/auth/account-admin.schema';
import {
  changeOwnPasswordRequestSchema,
  createUserRequestSchema,
  moveUserRequestSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
} from '../../../shared/auth/account.schema';
import type { DevicesResponse } from '../../../shared/auth/auth-protocol';
import { parseWith } from '../../http/parse';
import type { AccountService, Actor } from '../auth/account.service';
import type { AuthContext } from '../auth/auth.service';
import { authOf, requireAdmin, type AuthHook } from '../auth/authenticate';

const userParamsSchema = z.object({ id: z.string().min(1).max(100) });
const deviceParamsSchema = userParamsSchema.extend({ deviceId: z.string().min(1).max(100) });

const actorOf = (auth: AuthContext): Actor => ({ id: auth.user.id, name: auth.user.username });

/** The accounts screen's API: admin role only, checked on every route; every change audited. */
export function registerUserRoutes(
  app: FastifyInstance,
  accounts: AccountService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.get('/api/admin/users', guarded, async (request): Promise<UsersResponse> => {
    requireAdmin(request);
    return { users: await accounts.listUsers() };
  });

  app.post('/api/admin/users', guarded, async (request, reply) => {
    const admin = requireAdmin(request);
    const body = parseWith(createUserRequestSchema, request.body);
    const { user, password } = await accounts.createUser(body, actorOf(admin));
    const answer: CreateUserResponse = password === null ? { user } : { user, password };
    return reply.code(201).send(answer);
  });

  app.patch('/api/admin/users/:id', guarded, async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    const patch = parseWith(updateUserRequestSchema, request.body);
    return { user: await accounts.updateUser(id, patch, actorOf(admin)) };
  });

  // After a reorganisation: a new unit (and role) for the same account; its phones stay logged
  // in and get the new scope on their next pull (as with a PATCH of role or unit).
  app.put('/api/admin/users/:id/unit', guarded, async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    const body = parseWith(moveUserRequestSchema, request.body);
    return { user: (await accounts.moveUser(id, body, actorOf(admin))).after };
  });

  // The admin chooses the new password (scripts, the CLI's counterpart).
  app.put('/api/admin/users/:id/password', guarded, async (request, reply) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    const { password } = parseWith(resetPasswordRequestSchema, request.body);
    await accounts.resetPassword(id, password, actorOf(admin));
    return reply.code(204).send();
  });

  // The server chooses it and answers it once (the accounts screen).
  app.post('/api/admin/users/:id/password-reset', guarded, async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    return { password: await accounts.resetPassword(id, null, actorOf(admin)) };
  });

  app.get('/api/admin/users/:id/devices', guarded, async (request): Promise<DevicesResponse> => {
    requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    return { devices: await accounts.listDevices(id) };
  });

  app.delete('/api/admin/users/:id/devices', guarded, async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseWith(userParamsSchema, request.params);
    return { revoked: await accounts.revokeDevices(id, undefined, actorOf(admin)) };
  });

  app.delete('/api/admin/users/:id/devices/:deviceId', guarded, async (request, reply) => {
    const admin = requireAdmin(request);
    const { id, deviceId } = parseWith(deviceParamsSchema, request.params);
    await accounts.revokeDevices(id, deviceId, actorOf(admin));
    return reply.code(204).send();
  });

  app.get('/api/admin/audit-log', guarded, async (request): Promise<AuditLogResponse> => {
    requireAdmin(request);
    return accounts.auditLog(parseWith(auditLogQuerySchema, request.query));
  });

  // Any officer: one of their own devices (a lost phone); an admin: anyone's.
  app.delete('/api/auth/devices/:id', guarded, async (request, reply) => {
    const caller = authOf(request);
    const { id } = parseWith(userParamsSchema, request.params);
    await accounts.revokeDeviceAs(caller.user, id);
    return reply.code(204).send();
  });

  // Any officer: their own password (their own devices are under /api/auth/devices).
  app.put('/api/auth/password', guarded, async (request, reply) => {
    const caller = authOf(request);
    const body = parseWith(changeOwnPasswordRequestSchema, request.body);
    await accounts.changeOwnPassword(
      caller.user.id,
      caller.deviceId,
      body.currentPassword,
      body.newPassword,
    );
    return reply.code(204).send();
  });
}
