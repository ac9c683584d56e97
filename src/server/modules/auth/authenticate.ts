import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../http/problem';
import type { AuthContext, AuthService } from './auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export type AuthHook = (request: FastifyRequest) => Promise<void>;

/** Decorates requests with `auth` and returns the onRequest hook that routes opt into. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): AuthHook {
  app.decorateRequest('auth', null);
  return async (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('loginRequired');
    const context = await auth.authenticate(match[1]!);
    if (!context) throw unauthorized('sessionEnded');
    request.auth = context;
  };
}

/** The caller of an authenticated route. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireAdmin(request: FastifyRequest): AuthContext {
  const auth = authOf(request);
  if (auth.user.role !== 'admin') throw forbidden('adminOnly');
  return auth;
}
