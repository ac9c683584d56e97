import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse, PushResponse } from '../../src/shared/sync/sync-protocol';
import { PROBLEM_TYPES } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import type { HttpAnswer } from './support/http-client';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const BURST = 24;

/** Sends until answered other than 503, waiting each Retry-After as the app's engine does. */
async function honouring<T>(
  send: () => Promise<HttpAnswer<T>>,
  refusals: HttpAnswer[],
): Promise<HttpAnswer<T>> {
  for (;;) {
    const answer = await send();
    if (answer.status !== 503) return answer;
    refusals.push(answer);
    await new Promise((r) => setTimeout(r, Number(answer.headers.get('retry-after')) * 1000));
  }
}

// Back-pressure (issue 14): a burst the server cannot serve at once is partly refused at once
// with 503 + Retry-After instead of queued for seconds; a phone that comes back when told gets
// its answer, and every mutation is applied exactly once — a 503 did nothing.
describe.each(DATABASE_KINDS)('sync back-pressure (%s)', (kind) => {
  let server: TestServer;
  let phone: Session;

  beforeAll(async () => {
    // One request at a time, and nothing may wait longer than ~1 ms by the estimates: a burst
    // is refused beyond the first few whatever the machine's speed.
    server = await startTestServer(kind, {
      workGate: { maxActive: 1, waitBudgetMs: 1, maxSojournMs: 1_000 },
    });
    phone = await server.officer('commune', UNITS.vinhThanh);
  });
  afterAll(() => server?.close());

  it('refuses part of a burst with 503 + Retry-After, then serves every retry exactly once', async () => {
    const records = Array.from({ length: BURST }, (_, i) =>
      talk(phone.user, UNITS.vinhThanh, { title: `Đối thoại ${i + 1}` }),
    );
    const mutations = records.map((r) => upsert(r));
    const refusals: HttpAnswer[] = [];
    const healthDuringBurst: Promise<HttpAnswer>[] = [];
    const pushes = mutations.map((m, i) => {
      if (i % 6 === 0) healthDuringBurst.push(server.call('GET', '/api/health'));
      return honouring(
        () =>
          phone.call<PushResponse>('POST', '/api/sync/push', {
            body: { mutations: [m] },
            once: true,
          }),
        refusals,
      );
    });
    const pulls = Array.from({ length: 6 }, () =>
      honouring(
        () => phone.call<PullResponse>('GET', '/api/sync/pull?since=0', { once: true }),
        refusals,
      ),
    );
    const answers = await Promise.all(pushes);
    expect((await Promise.all(pulls)).map((a) => a.status)).toEqual(Array(6).fill(200));

    // Some of the burst was refused, each refusal a problem+json with whole seconds to wait.
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      expect(refusal.headers.get('content-type')).toContain('application/problem+json');
      expect(refusal.body.type).toBe(PROBLEM_TYPES.unavailable);
      expect(refusal.body.code).toBe('problem.serverBusy');
      expect(refusal.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
    // Not one herd: the refused were told different moments to come back.
    const delays = new Set(refusals.map((r) => r.headers.get('retry-after')));
    if (refusals.length >= 8) expect(delays.size).toBeGreaterThan(1);
    // Health checks are never behind the gate.
    expect((await Promise.all(healthDuringBurst)).map((a) => a.status)).toEqual(
      Array(healthDuringBurst.length).fill(200),
    );

    // Every push answered, each mutation applied once with its own version.
    const results = answers.map((a) => {
      expect(a.status).toBe(200);
      return a.body.results[0]!;
    });
    expect(results.map((r) => r.status)).toEqual(Array(BURST).fill('applied'));
    const revs = results.map((r) => (r.status === 'applied' ? r.rev : 0));
    expect(new Set(revs).size).toBe(BURST);

    const feed: Change[] = [];
    let cursor = '0';
    for (;;) {
      const page = await honouring(
        () => phone.call<PullResponse>('GET', `/api/sync/pull?since=${cursor}`),
        [],
      );
      feed.push(...page.body.changes.filter((c) => c.collection === 'activities'));
      cursor = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    const ids = feed.map((c) => c.recordId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort());
    expect(feed.map((c) => c.rev).sort((a, b) => a - b)).toEqual([...revs].sort((a, b) => a - b));
  }, 120_000);
});
