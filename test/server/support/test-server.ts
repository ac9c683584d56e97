import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../../src/server/app';
import type { DatabaseKind } from '../../../src/server/db/database';
import type { Mutation, PushResponse } from '../../../src/shared/sync/sync-protocol';
import type { LoginResponse, PublicUser } from '../../../src/shared/auth/auth-protocol';
import type { Role } from '../../../src/shared/auth/roles';
import type { UnitRef } from '../../../src/shared/geography/geography';
import { call, type CallOptions, type HttpAnswer } from './http-client';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface Session {
  baseUrl: string;
  user: PublicUser;
  token: string;
  deviceId: string;
  call<T = any>(
    method: string,
    path: string,
    options?: Omit<CallOptions, 'token'>,
  ): Promise<HttpAnswer<T>>;
  /** Pushes and expects a 200; returns the per-mutation results. */
  push(mutations: Mutation[]): Promise<PushResponse['results']>;
}

export interface TestServer {
  kind: DatabaseKind;
  database: TestDatabase;
  app: FastifyInstance;
  baseUrl: string;
  admin: Session;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<HttpAnswer<T>>;
  login(username: string, password: string, deviceName?: string): Promise<Session>;
  /**
   * Creates an account through the admin API and logs it in on a new device. A bare code is a
   * unit of Kiên Giang 2024 (the fixtures' UNITS) for commune and district officers, of the
   * geography in force for the province-level roles.
   */
  officer(role: Role, unit: string | UnitRef, name?: string): Promise<Session>;
  close(): Promise<void>;
}

export const PASSWORD = 'mat-khau-thu-nghiem';
let counter = 0;

/** Starts the real app on a loopback port over a fresh database of the given kind. */
export async function startTestServer(
  kind: DatabaseKind,
  options: Partial<Omit<AppOptions, 'database'>> = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  let adminPassword = '';
  const app = await buildApp({
    ...options,
    database: database.config,
    onInitialAdminPassword: (password) => (adminPassword = password),
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const request = <T>(method: string, path: string, opts?: CallOptions) =>
    call<T>(baseUrl, method, path, opts);

  const login = async (
    username: string,
    password: string,
    deviceName = 'Điện thoại thử nghiệm',
  ) => {
    const answer = await request<LoginResponse>('POST', '/api/auth/login', {
      body: { username, password, deviceName },
    });
    if (answer.status !== 200)
      throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return session(baseUrl, answer.body);
  };
  const admin = await login('admin', adminPassword);

  return {
    kind,
    database,
    app,
    baseUrl,
    admin,
    call: request,
    login,
    async officer(role, unit, name) {
      counter += 1;
      const ref =
        typeof unit !== 'string'
          ? unit
          : role === 'commune' || role === 'district'
            ? { geographyId: 'kien-giang-2024', code: unit }
            : { code: unit };
      const unitCode = ref.code;
      const username = `${role}.${unitCode}.${counter}`;
      const created = await admin.call('POST', '/api/admin/users', {
        body: {
          username,
          password: PASSWORD,
          role,
          unitCode,
          ...('geographyId' in ref ? { geographyId: ref.geographyId } : {}),
          displayName: name ?? `Cán bộ ${counter}`,
        },
      });
      if (created.status !== 201)
        throw new Error(`create ${username}: ${JSON.stringify(created.body)}`);
      return login(username, PASSWORD);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

function session(baseUrl: string, login: LoginResponse): Session {
  const s: Session = {
    baseUrl,
    user: login.user,
    token: login.token,
    deviceId: login.device!.id,
    call: (method, path, opts) => call(baseUrl, method, path, { ...opts, token: login.token }),
    async push(mutations) {
      const answer = await s.call<PushResponse>('POST', '/api/sync/push', { body: { mutations } });
      if (answer.status !== 200)
        throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.results;
    },
  };
  return s;
}
