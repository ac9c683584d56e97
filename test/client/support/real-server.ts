import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app';
import type { DatabaseConfig, DatabaseKind } from '../../../src/server/db/database';
import { createTestDatabase } from '../../server/support/test-database';
import type { LoginLimitRules } from '../../../src/server/modules/auth/login-limits';
import type { WorkGateOptions } from '../../../src/server/http/work-gate';
import type { Change } from '../../../src/shared/sync/sync-protocol';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';
import type { Role } from '../../../src/shared/auth/roles';

// The real server (buildApp) on a loopback port with a temporary SQLite file; accounts are made
// through its own admin API, as an administrator would.
export interface RealServer {
  baseUrl: string;
  file: string;
  adminToken: string;
  /** Stops listening and closes the database (in-flight requests finish first). */
  stop(): Promise<void>;
  /** Starts again on the same port and database file (with other admission limits, if given). */
  restart(options?: { workGate?: Partial<WorkGateOptions> }): Promise<void>;
  /** Deletes the temporary directory. */
  dispose(): Promise<void>;
  createUser(input: {
    username: string;
    role: Role;
    unitCode: string;
    /** Default: Kiên Giang 2024, the geography of the client tests' codes and dates. */
    geographyId?: string;
    displayName?: string;
  }): Promise<PublicUser>;
  /** `npm run users -- move` through the admin API: same account, devices and history. */
  moveUser(
    userId: string,
    to: { unitCode: string; geographyId?: string; role?: Role },
  ): Promise<PublicUser>;
  /** A token for a new device of that user. */
  login(username: string, deviceName?: string): Promise<string>;
  /** Revokes a token, as the officer's "lost phone" or an expired token would. */
  revoke(token: string): Promise<void>;
  /** Every activity change the token's user may see, read straight from the API. */
  activityChanges(token: string): Promise<Change[]>;
  /** Every stored version of one record, oldest first. */
  history(
    token: string,
    recordId: string,
  ): Promise<{ rev: number; op: string; data: Record<string, unknown> | null }[]>;
  /** Current server state of the activities the token's user may see (deleted ones absent). */
  activities(token: string): Promise<Map<string, { rev: number; data: Record<string, unknown> }>>;
}

export const PASSWORD = 'mat-khau-du-dai';

export async function startRealServer(
  options: {
    loginLimits?: Partial<LoginLimitRules>;
    workGate?: Partial<WorkGateOptions>;
    /** PostgreSQL: a scratch schema of TEST_DATABASE_URL (`file` is then unused). */
    kind?: DatabaseKind;
  } = {},
): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'outreach-client-'));
  const file = join(dir, 'server.sqlite');
  const scratch = options.kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const database: DatabaseConfig = scratch?.config ?? { kind: 'sqlite', file };
  let adminPassword = '';
  let app: FastifyInstance = await buildApp({
    database,
    onInitialAdminPassword: (password) => (adminPassword = password),
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    ...(options.workGate ? { workGate: options.workGate } : {}),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  const baseUrl = `http://127.0.0.1:${port}`;

  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
  };
  const loginAs = async (username: string, password: string, deviceName: string) =>
    (await call('POST', '/api/auth/login', null, { username, password, deviceName }))!
      .token as string;

  const adminToken = await loginAs('admin', adminPassword, 'test harness');

  const server: RealServer = {
    baseUrl,
    file,
    adminToken,
    async stop() {
      await app.close();
    },
    async restart(again = {}) {
      app = await buildApp({ database, ...again });
      await app.listen({ port, host: '127.0.0.1' });
    },
    async dispose() {
      await app.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      await scratch?.drop();
    },
    async createUser({ username, role, unitCode, geographyId, displayName }) {
      const body = {
        username,
        password: PASSWORD,
        role,
        unitCode,
        geographyId: geographyId ?? 'kien-giang-2024',
        displayName: displayName ?? username,
      };
      return (await call('POST', '/api/admin/users', adminToken, body))!.user as PublicUser;
    },
    async moveUser(userId, to) {
      const body = await call('PUT', `/api/admin/users/${userId}/unit`, adminToken, to);
      return body!.user as PublicUser;
    },
    login: (username, deviceName = 'test device') => loginAs(username, PASSWORD, deviceName),
    async revoke(token) {
      await call('POST', '/api/auth/logout', token);
    },
    async activityChanges(token) {
      const changes: Change[] = [];
      let since = '0';
      for (;;) {
        const page = (await call('GET', `/api/sync/pull?since=${since}&limit=1000`, token)) as {
          changes: Change[];
          cursor: string;
          hasMore: boolean;
        };
        changes.push(...page.changes.filter((c) => c.collection === 'activities'));
        since = page.cursor;
        if (!page.hasMore) return changes;
      }
    },
    async history(token, recordId) {
      const body = await call('GET', `/api/sync/history/${recordId}`, token);
      return body!.versions as { rev: number; op: string; data: Record<string, unknown> | null }[];
    },
    async activities(token) {
      const state = new Map<string, { rev: number; data: Record<string, unknown> }>();
      for (const c of await server.activityChanges(token)) {
        if (c.op === 'delete') state.delete(c.recordId);
        else state.set(c.recordId, { rev: c.rev, data: c.data as Record<string, unknown> });
      }
      return state;
    },
  };
  return server;
}
