import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { CompiledQuery } from '../../src/server/db/kysely-runtime';
import {
  pgAppliedMutations,
  PushTransaction,
} from '../../src/server/modules/sync/push-transaction.repository';
import { SqlTemplates } from '../../src/server/modules/sync/push-sql-templates.repository';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/test-database';

// Every PostgreSQL push reads which of its mutation ids the account already applied. That read
// must look up each id, not walk the account's history: written as `user_id = … and mutation_id
// = any (…)` the planner scanned all of an officer's mutations (20,000 rows for a 200-id push in
// bench:push), so each push grew slower as the account aged.

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows the plan read from `mutations`: returned by its scans, or read and thrown away. */
function mutationRowsRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'mutations'
      ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) +
        (node['Rows Removed by Filter'] ?? 0) * (node['Actual Loops'] ?? 1) +
        (node['Rows Removed by Index Recheck'] ?? 0)
      : 0;
  return own + (node.Plans ?? []).reduce((n, child) => n + mutationRowsRead(child), 0);
}

describe.runIf(DATABASE_KINDS.includes('postgres'))('a push reads its own mutation ids', () => {
  let scratch: TestDatabase;
  let client: pg.Client;
  const officer = 'officer-with-history';
  const colleague = 'colleague';
  // 100 of the officer's applied ids, 100 new ones, and 5 of a colleague's (not the officer's).
  const asked = [
    ...Array.from({ length: 100 }, (_, i) => `m-${officer}-${i * 37}`),
    ...Array.from({ length: 100 }, (_, i) => `m-new-${i}`),
    ...Array.from({ length: 5 }, (_, i) => `m-${colleague}-${i}`),
  ];

  beforeAll(async () => {
    scratch = await createTestDatabase('postgres');
    const database = openDatabase(scratch.config);
    await migrateToLatest(database);
    await database.close();
    if (scratch.config.kind !== 'postgres') throw new Error('postgres only');
    client = new pg.Client({ connectionString: scratch.config.connectionString });
    await client.connect();
    if (scratch.config.schema) await client.query(`set search_path to ${scratch.config.schema}`);
    // An officer with 8,000 applied mutations, a colleague with 2,000; no ANALYZE yet: the
    // statistics are as stale as right after a burst of pushes.
    for (const [user, count] of [
      [officer, 8000],
      [colleague, 2000],
    ] as const) {
      await client.query(
        `insert into mutations (user_id, mutation_id, record_id, device_id, rev, applied_at)
         select $1, 'm-' || $1 || '-' || g, 'r-' || g, 'd', g, '2026-12-01T00:00:00.000Z'
         from generate_series(0, $2 - 1) as g`,
        [user, count],
      );
    }
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await scratch?.drop();
  });

  async function read() {
    const text = pgAppliedMutations('$1::text[]', '$2');
    const { rows } = await client.query<{ mutation_id: string; user_id: string }>(text, [
      asked,
      officer,
    ]);
    const plan = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, format json) ${text}`,
      [asked, officer],
    );
    return { rows, rowsRead: mutationRowsRead(plan.rows[0]!['QUERY PLAN'][0].Plan) };
  }

  it('finds exactly the officer’s applied ids among those asked, reading only those', async () => {
    const { rows, rowsRead } = await read();
    expect(rows.map((r) => r.mutation_id).sort()).toEqual(asked.slice(0, 100).sort());
    expect(rows.every((r) => r.user_id === officer)).toBe(true);
    expect(rowsRead).toBeLessThanOrEqual(asked.length);
  });

  it('still reads only those once the statistics are fresh', async () => {
    await client.query('analyze mutations');
    const { rows, rowsRead } = await read();
    expect(rows).toHaveLength(100);
    expect(rowsRead).toBeLessThanOrEqual(asked.length);
  });

  it('answers the same through a push transaction that reads again (PushTransaction.appliedMutations)', async () => {
    const database = openDatabase(scratch.config);
    try {
      const found = await database.db.connection().execute(async (connection) => {
        const tx = new PushTransaction(connection, new SqlTemplates(), 'postgres');
        const applied = await tx.appliedMutations(officer, asked);
        await connection.executeQuery(CompiledQuery.raw('rollback'));
        return applied;
      });
      expect([...found.keys()].sort()).toEqual(asked.slice(0, 100).sort());
      expect(found.get(asked[0]!)).toMatchObject({ user_id: officer, record_id: 'r-0', rev: 0 });
      expect(found.get(asked[0]!)).not.toHaveProperty('_t');
    } finally {
      await database.close();
    }
  });
});
