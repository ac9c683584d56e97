import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/server/db/database';
import { CompiledQuery } from '../../src/server/db/kysely-runtime';
import type { DB } from '../../src/server/db/schema';
import type { MutationRow, NewChange } from '../../src/server/modules/sync/push-rows';
import type { MutationResult } from '../../src/shared/sync/sync-protocol';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { talk, UNITS, upsert } from './support/fixtures';
import { historyChange, storedVersions, useSyncDatabase } from './support/sync-database';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// PostgreSQL group commit (pg-group-commit.repository.ts): pushes reaching their last write while
// others write are written by one statement, one counter take and one COMMIT. To make a group
// form every time, the tests hold the counter row from another connection: the first pushes
// wait for it inside PostgreSQL, the next ones wait in the server and go together once it is
// free.

const POSTGRES = DATABASE_KINDS.includes('postgres');

/** Holds `version_counter`'s row (FOR UPDATE) until `release`, on a connection of its own. */
async function holdCounter(db: Kysely<DB>): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const done = db.connection().execute(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw('begin'));
    await connection.executeQuery(
      CompiledQuery.raw('select value from version_counter where id = 1 for update'),
    );
    held();
    await released;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  });
  await holding;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/** Waits until `count` backends wait for a lock (the first writes, behind the held counter). */
async function lockWaiters(db: Kysely<DB>, count: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await db.executeQuery<{ n: number }>(
      CompiledQuery.raw(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'
           and query like '%update version_counter%'`,
      ),
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} backends ever waited for a lock`);
}

describe.runIf(POSTGRES)('PostgreSQL group commit, repository (postgres)', () => {
  const ctx = useSyncDatabase('postgres');
  let holder: Database;
  beforeAll(() => {
    holder = openDatabase(ctx.config);
  });
  afterAll(() => holder?.close());

  const change = (version: number, recordId: string): NewChange =>
    historyChange(version, recordId, `{"v":${version},"t":"Họp 'dân' $q$ {a,b}"}`);
  const mutation = (recordId: string, rev: number, user: string): MutationRow => ({
    mutation_id: uuidv7(),
    record_id: recordId,
    user_id: user,
    device_id: 'd-test',
    rev,
    applied_at: new Date().toISOString(),
  });

  /**
   * One push of `size` new records (plus, for `known`, an acknowledgement at a stored version):
   * locks and reads, then its last write; returns the versions it was answered.
   */
  async function push(user: string, size: number, reached: () => void, known?: string) {
    return ctx.sync.inPushTransaction(async (tx) => {
      const ids = Array.from({ length: size }, () => uuidv7());
      const reads = await tx.lockAndRead(user, ids, ids, []);
      const start = reads.counter;
      const changes = ids.map((id, i) => change(start + 1 + i, id));
      const mutations = ids.map((id, i) => mutation(id, start + 1 + i, user));
      if (known) mutations.push(mutation(known, start, user));
      reached();
      const first = await tx.writeBatch(
        { changes, activities: [], totals: [], mutations, photoRefs: [] },
        { start, count: size },
      );
      return { ids, start, first, committed: tx.committed };
    });
  }

  const feedVersions = () => storedVersions(ctx.sync);

  it('writes pushes that wait together in one group, each at its own contiguous versions, none twice', async () => {
    const before = await feedVersions();
    const stats = { ...ctx.sync.groupCommitStats };
    const counter = await holdCounter(holder.db);
    let reached = 0;
    const known = uuidv7();
    const pushes = Array.from({ length: 8 }, (_, i) =>
      push(`u-${i}`, 1 + (i % 3), () => (reached += 1), i === 5 ? known : undefined),
    );
    await lockWaiters(holder.db, 2);
    while (reached < 8) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    await counter.release();
    const answers = await Promise.all(pushes);

    // The 6 that waited in the server went as one write: one group of 6.
    expect(ctx.sync.groupCommitStats.groups - stats.groups).toBe(1);
    expect(ctx.sync.groupCommitStats.grouped - stats.grouped).toBe(6);
    expect(answers.filter((a) => !a.committed)).toHaveLength(5);

    // Every push's records at its own versions, one after the other; no version twice, none
    // skipped: the history grew by exactly the versions answered.
    const after = await feedVersions();
    const added = after.slice(before.length);
    expect(added.map((v) => v.version)).toEqual(
      Array.from({ length: added.length }, (_, i) => (before.at(-1)?.version ?? 0) + 1 + i),
    );
    const versionOf = new Map(added.map((v) => [v.id, v.version]));
    for (const answer of answers) {
      expect(answer.ids.map((id) => versionOf.get(id))).toEqual(
        answer.ids.map((_, i) => answer.first + i),
      );
    }
    expect(added).toHaveLength(answers.reduce((n, a) => n + a.ids.length, 0));
    // Mutation ids at the versions answered; the acknowledgement of a stored version kept as it is.
    const rows = await ctx.database.db
      .selectFrom('mutations')
      .select(['record_id', 'rev'])
      .where('user_id', 'like', 'u-%')
      .execute();
    for (const answer of answers) {
      for (const [i, id] of answer.ids.entries()) {
        expect(rows.filter((r) => r.record_id === id).map((r) => Number(r.rev))).toEqual([
          answer.first + i,
        ]);
      }
    }
    const knownRow = rows.find((r) => r.record_id === known);
    expect(Number(knownRow?.rev)).toBe(answers[5]!.start);
  });

  it('writes each push alone when the group’s statement fails: the others stored once, the failing one nothing', async () => {
    // A real refusal from the database for one record: a trigger on the history table.
    const bad = uuidv7();
    await ctx.database.db.executeQuery(
      CompiledQuery.raw(`create function refuse_bad() returns trigger language plpgsql as $$
        begin
          if new.record_id = '${bad}' then raise exception 'refused by the test'; end if;
          return new;
        end $$`),
    );
    await ctx.database.db.executeQuery(
      CompiledQuery.raw(
        'create trigger refuse_bad before insert on changes for each row execute function refuse_bad()',
      ),
    );
    try {
      const before = await feedVersions();
      const stats = { ...ctx.sync.groupCommitStats };
      const counter = await holdCounter(holder.db);
      let reached = 0;
      const good = Array.from({ length: 6 }, (_, i) => push(`g-${i}`, 2, () => (reached += 1)));
      await lockWaiters(holder.db, 2);
      while (reached < 6) await new Promise((r) => setTimeout(r, 10));
      const failing = ctx.sync.inPushTransaction(async (tx) => {
        const reads = await tx.lockAndRead('g-bad', [bad], [bad], []);
        reached += 1;
        return tx.writeBatch(
          {
            changes: [change(reads.counter + 1, bad)],
            activities: [],
            totals: [],
            mutations: [mutation(bad, reads.counter + 1, 'g-bad')],
            photoRefs: [],
          },
          { start: reads.counter, count: 1 },
        );
      });
      // Its refusal is looked at after the others' answers (caught now, not left unhandled).
      const refusal = failing.then(
        () => undefined,
        (error: unknown) => error,
      );
      while (reached < 7) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      await counter.release();
      const answers = await Promise.all(good);
      expect(String(await refusal)).toContain('refused by the test');

      expect(ctx.sync.groupCommitStats.undone - stats.undone).toBe(1);
      const added = (await feedVersions()).slice(before.length);
      // The undone group gave back its versions: still numbered without a hole.
      expect(added.map((v) => v.version)).toEqual(
        Array.from({ length: 12 }, (_, i) => (before.at(-1)?.version ?? 0) + 1 + i),
      );
      expect(added.some((v) => v.id === bad)).toBe(false);
      const stored = new Set(added.map((v) => v.id));
      for (const answer of answers) for (const id of answer.ids) expect(stored.has(id)).toBe(true);
    } finally {
      await ctx.database.db.executeQuery(CompiledQuery.raw('drop trigger refuse_bad on changes'));
      await ctx.database.db.executeQuery(CompiledQuery.raw('drop function refuse_bad()'));
    }
  });
});

describe.runIf(POSTGRES)('PostgreSQL group commit over HTTP (postgres)', () => {
  let server: TestServer;
  let holder: Database;
  let phones: Session[];
  const log: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log.push(String(chunk));
        done();
      },
    });
    server = await startTestServer('postgres', { logger: { level: 'info', stream } });
    holder = openDatabase(server.database.config);
    // Officers of four wards, two phones each.
    phones = [];
    for (const unit of [UNITS.vinhThanh, UNITS.vinhQuang, UNITS.dongHo, UNITS.vinhThanh]) {
      const officer = await server.officer('commune', unit);
      phones.push(
        officer,
        await server.login(officer.user.username, 'mat-khau-thu-nghiem', 'Máy 2'),
      );
    }
  });
  afterAll(async () => {
    await holder?.close();
    await server?.close();
  });

  it('answers every phone’s pushes once each, gap-free, when they are written together — a batch sent twice at once included', async () => {
    const counter = await holdCounter(holder.db);
    const batches = phones.map((phone) =>
      Array.from({ length: 4 }, () => upsert(talk(phone.user, phone.user.unitCode!))),
    );
    const requests = phones.map((phone, i) => phone.push(batches[i]!));
    // The same batch again, from the same phone, at the same time (a retry racing the first).
    const again = phones[3]!.push(batches[3]!);
    await lockWaiters(holder.db, 2);
    await new Promise((r) => setTimeout(r, 300));
    await counter.release();
    const answers = await Promise.all(requests);
    const repeated = await again;

    // Per-mutation results, in the order sent, for every push.
    for (const [i, results] of answers.entries()) {
      expect(results.map((r) => r.mutationId)).toEqual(batches[i]!.map((m) => m.mutationId));
    }
    const revOf = (r: MutationResult) => ('rev' in r ? r.rev : -1);
    // The racing copy: applied once — one of the two answers says applied, the other duplicate,
    // with the same versions.
    const statuses = [answers[3]!, repeated].map((results) => results.map((r) => r.status));
    expect(statuses.flat().filter((s) => s === 'applied')).toHaveLength(4);
    expect(statuses.flat().filter((s) => s === 'duplicate')).toHaveLength(4);
    expect(repeated.map(revOf)).toEqual(answers[3]!.map(revOf));
    const applied = answers
      .flat()
      .filter((r) => r.status === 'applied' || r.status === 'duplicate');
    expect(applied).toHaveLength(32);
    const revs = answers.flat().map(revOf);
    expect(new Set(revs).size).toBe(32);

    // The whole history: no hole, each version once, every acknowledged version in it at its
    // record.
    const feed = await holder.db
      .selectFrom('changes')
      .select(['version', 'record_id'])
      .where('collection', '=', 'activities')
      .orderBy('version')
      .execute();
    const versions = feed.map((c) => Number(c.version));
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions[0]! + i));
    expect(versions).toHaveLength(32);
    const recordAt = new Map(feed.map((c) => [Number(c.version), c.record_id]));
    for (const r of answers.flat()) expect(recordAt.get(revOf(r))).toBe(r.recordId);

    // And they were written together: the server says how many pushes went in groups.
    await server.app.close();
    const line = log.map((l) => JSON.parse(l)).find((l) => l.msg === 'push group commit');
    expect(line.groupCommit.groups).toBeGreaterThanOrEqual(1);
    expect(line.groupCommit.grouped).toBeGreaterThanOrEqual(3);
  });
});
