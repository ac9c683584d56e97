import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { openDatabase, type Database } from '../../src/server/db/database';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type {
  Change,
  HistoryResponse,
  Mutation,
  MutationResult,
  PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { call } from './support/http-client';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Issue 3's exactly-once as a phone lives it: a batch is sent, the answer is lost, the phone
// sends the same batch again — twice at once (two tabs, a retry racing the first), and again
// after the server has restarted. Every copy answers `duplicate` with the versions of the first,
// and the database holds each change once. A record of a retired commune dated after the July
// 2025 switch is in the batch: mapped once, never twice.

const KG = 'kien-giang-2024';
const AG = 'an-giang-2025';
const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

describe.each(DATABASE_KINDS)('the same batch twice, at once and after a restart (%s)', (kind) => {
  let server: TestServer;
  let officer: Session;
  let batch: Mutation[];
  let first: MutationResult[];
  let baseUrl: string;
  let restarted: Awaited<ReturnType<typeof buildApp>> | undefined;
  let probe: Database;

  beforeAll(async () => {
    server = await startTestServer(kind);
    // The new Phường Rạch Giá's officer (an account moved on the switch).
    officer = await server.officer('commune', { geographyId: AG, code: '30742' });
    const earlier = talk(officer.user, UNITS.vinhQuang);
    const [made] = await officer.push([upsert(earlier)]);
    batch = [
      upsert(talk(officer.user, UNITS.vinhThanh)),
      // Offline across the switch: a July record still naming the 2024 ward.
      upsert(talk(officer.user, UNITS.vinhThanh, { date: '2025-07-20' })),
      upsert({ ...earlier, place: 'Chùa Phật Quang' } as Activity, revOf(made)),
      remove(talk(officer.user, UNITS.vinhThanh).id, null),
    ];
    probe = openDatabase(server.database.config);
  });
  afterAll(async () => {
    await probe?.close();
    await restarted?.close();
    await server.database.drop();
  });

  const rowsOf = async (table: 'changes' | 'mutations', ids: string[]) =>
    (await probe.db.selectFrom(table).select('record_id').where('record_id', 'in', ids).execute())
      .length;
  const pushAgain = async (url: string) => {
    const answer = await call(url, 'POST', '/api/sync/push', {
      token: officer.token,
      body: { mutations: batch },
    });
    expect(answer.status).toBe(200);
    return answer.body.results as MutationResult[];
  };

  it('sent twice at once: one copy applies, the other answers duplicate with the same versions', async () => {
    const [a, b] = await Promise.all([officer.push(batch), officer.push(batch)]);
    for (const [i, m] of batch.entries()) {
      const pair = [a![i]!, b![i]!];
      expect(pair.map((r) => r.mutationId)).toEqual([m.mutationId, m.mutationId]);
      expect(pair.map((r) => r.status).sort(), `mutation ${i}`).toEqual(['applied', 'duplicate']);
      expect(revOf(pair[0]), `mutation ${i}`).toBe(revOf(pair[1]));
    }
    first = a!.map((r, i) => (r.status === 'applied' ? r : b![i]!));
    // The July record went under the commune its ward became, said once.
    expect(first[1]).toMatchObject({
      status: 'applied',
      mapped: {
        from: { geographyId: KG, code: UNITS.vinhThanh },
        to: { geographyId: AG, code: '30742' },
      },
    });
    const ids = batch.map((m) => m.recordId);
    // One mutation row each, plus the earlier record's first; one change each but the delete of
    // a record the server never had, plus that first version.
    expect(await rowsOf('mutations', ids)).toBe(5);
    expect(await rowsOf('changes', ids)).toBe(4);
  });

  it('sent again after a restart: every mutation duplicate, nothing stored twice', async () => {
    await server.app.close();
    restarted = await buildApp({ database: server.database.config });
    baseUrl = await restarted.listen({ port: 0, host: '127.0.0.1' });
    const again = await pushAgain(baseUrl);
    expect(again.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(again.map(revOf)).toEqual(first.map(revOf));
    // The phone whose first answer was lost still learns its July record was mapped.
    expect(again[1]).toMatchObject({
      mapped: {
        from: { geographyId: KG, code: UNITS.vinhThanh },
        to: { geographyId: AG, code: '30742' },
      },
    });
    const ids = batch.map((m) => m.recordId);
    expect(await rowsOf('mutations', ids)).toBe(5);
    expect(await rowsOf('changes', ids)).toBe(4);

    // A phone starting over sees each record once, the July one mapped, its history one version
    // that keeps what the phone sent.
    const seen: Change[] = [];
    let cursor = '0';
    for (;;) {
      const page = await call<PullResponse>(baseUrl, 'GET', `/api/sync/pull?since=${cursor}`, {
        token: officer.token,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.changes.filter((c) => c.collection === 'activities'));
      cursor = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    for (const id of ids.slice(0, 3)) {
      expect(seen.filter((c) => c.recordId === id)).toHaveLength(id === batch[2]!.recordId ? 2 : 1);
    }
    const july = seen.find((c) => c.recordId === batch[1]!.recordId)!;
    expect(july.data).toMatchObject({ geographyId: AG, communeCode: '30742' });
    const history = await call<HistoryResponse>(
      baseUrl,
      'GET',
      `/api/sync/history/${batch[1]!.recordId}`,
      { token: officer.token },
    );
    expect(history.status).toBe(200);
    expect(history.body.versions).toHaveLength(1);
    expect(history.body.versions[0]).toMatchObject({
      submitted: { geographyId: KG, communeCode: UNITS.vinhThanh },
    });
  });
});
