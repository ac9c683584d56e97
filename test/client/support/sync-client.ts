import { AppDb } from '../../../src/client/db/app-db';
import {
  SyncEngine,
  type SyncEngineOptions,
} from '../../../src/client/features/sync/engine/sync-engine';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';
import type { RealServer } from './real-server';

/**
 * The network between one phone and the server. Only the wire is faulty here — offline, or a
 * connection cut after the server committed — every byte that gets through is the real server's.
 */
export class FlakyNetwork {
  offline = false;
  /** Cut the connection after the server answered the next N pushes (the answers are lost). */
  dropPushResponses = 0;
  requests: string[] = [];
  /**
   * Rewrites each pull answer's JSON before the phone reads it: a newer server's page (a
   * collection this app does not know) made from the real server's page.
   */
  rewritePull: ((page: Record<string, unknown>) => unknown) | null = null;

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    this.requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    if (this.offline) throw new TypeError('fetch failed (offline)');
    const response = await fetch(input, init);
    if (url.includes('/api/sync/push') && this.dropPushResponses > 0) {
      this.dropPushResponses -= 1;
      await response.arrayBuffer();
      throw new TypeError('fetch failed (connection reset)');
    }
    if (url.includes('/api/sync/pull') && this.rewritePull && response.ok) {
      const page = this.rewritePull((await response.json()) as Record<string, unknown>);
      return new Response(JSON.stringify(page), {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return response;
  }) as typeof fetch;
}

export interface TestClient {
  db: AppDb;
  engine: SyncEngine;
  network: FlakyNetwork;
  user: PublicUser;
  token: string;
  expired: number;
}

let dbCounter = 0;

/** A phone of `user`: its own local database, a fresh device login, and the real engine. */
export async function newClient(
  server: RealServer,
  user: PublicUser,
  options: Partial<SyncEngineOptions> = {},
): Promise<TestClient> {
  const token = await server.login(user.username, `device ${++dbCounter}`);
  const db = new AppDb(`client-${user.username}-${dbCounter}-${Math.random()}`);
  const network = new FlakyNetwork();
  const client = { db, network, user, token, expired: 0 } as TestClient;
  client.engine = new SyncEngine({
    db,
    userId: user.id,
    token,
    api: { baseUrl: server.baseUrl, fetch: network.fetch },
    onSessionExpired: () => (client.expired += 1),
    periodicMs: 0,
    ...options,
  });
  return client;
}
