import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

/** Pulls until the server has no more (the client retries 503s as the app does). */
async function drain(session: Session, since: string): Promise<string> {
  let cursor = since;
  for (;;) {
    const page = await session.call<PullResponse>('GET', `/api/sync/pull?since=${cursor}`);
    expect(page.status).toBe(200);
    cursor = page.body.cursor;
    if (!page.body.hasMore) return cursor;
  }
}

// A phone in the middle of a catch-up is not refused again (issue 14): when every phone catches
// up at once, refusing a phone at its second page made it wait whole seconds more for pages the
// server serves anyway. Its next page queues; a new request in the same burst is refused.
describe.each(DATABASE_KINDS)('a begun catch-up’s next page under load (%s)', (kind) => {
  let server: TestServer;
  let phone: Session;
  let busy: Session;

  beforeAll(async () => {
    // One request at a time, and nothing else may queue: a burst is refused beyond the first.
    server = await startTestServer(kind, {
      workGate: {
        maxActive: 1,
        waitBudgetMs: 1,
        urgentWaitBudgetMs: 1,
        maxSojournMs: 1_000,
        owedAdmitted: true,
      },
    });
    phone = await server.officer('commune', UNITS.vinhThanh);
    busy = await server.officer('commune', UNITS.vinhQuang);
  });
  afterAll(() => server?.close());

  it('serves the next page of a begun catch-up while refusing the burst around it', async () => {
    const cursor = await drain(phone, '0');
    const records = Array.from({ length: 30 }, () => talk(phone.user, UNITS.vinhThanh));
    await phone.push(records.map((r) => upsert(r)));
    // The catch-up begins: its first page (10 of 30), more to come.
    const first = await phone.call<PullResponse>('GET', `/api/sync/pull?since=${cursor}&limit=10`);
    expect(first.status).toBe(200);
    expect(first.body.hasMore).toBe(true);

    // A large push holds the one slot; a burst of pushes and the catch-up's next page arrive.
    const large = Array.from({ length: 200 }, () => upsert(talk(busy.user, UNITS.vinhQuang)));
    const holder = busy.call('POST', '/api/sync/push', { body: { mutations: large }, once: true });
    const burst = Array.from({ length: 8 }, () =>
      busy.call('POST', '/api/sync/push', {
        body: { mutations: [upsert(talk(busy.user, UNITS.vinhQuang))] },
        once: true,
      }),
    );
    const next = phone.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${first.body.cursor}&limit=10`,
      { once: true },
    );
    const statuses = (await Promise.all(burst)).map((a) => a.status);
    expect(statuses).toContain(503);
    const answer = await next;
    expect(answer.status).toBe(200);
    expect(answer.body.changes.map((c) => c.recordId)).toEqual(
      records.slice(10, 20).map((r) => r.id),
    );
    await holder;
  });
});
