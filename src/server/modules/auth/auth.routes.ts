import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type DevicesResponse } from '../../../shared/auth/auth-protocol';
import { parseWith } from '../../http/parse';
import type { AuthService } from './auth.service';
import { authOf, type AuthHook } from './authenticate';

export function registerAuthRoutes(
  app: FastifyInstance,
  auth: AuthService,
  authenticate: AuthHook,
) {
  // The one route anyone can call: a login body is a few hundred bytes, so a big one is refused
  // before it is read, let alone parsed.
  app.post('/api/auth/login', { bodyLimit: 4 * 1024 }, async (request) => {
    const body = parseWith(loginRequestSchema, request.body);
    return auth.login(body, request.ip);
  });

  app.get('/api/auth/me', { onRequest: authenticate }, async (request) => authOf(request).user);

  app.get(
    '/api/auth/devices',
    { onRequest: authenticate },
    async (request): Promise<DevicesResponse> => ({
      devices: await auth.listDevices(authOf(request)),
    }),
  );

  app.post('/api/auth/logout', { onRequest: authenticate }, async (request, reply) => {
    const caller = authOf(request);
    await auth.revokeDevice(caller, caller.deviceId);
    return reply.code(204).send();
  });
}
