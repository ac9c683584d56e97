import type { Kysely } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';
import type { DatabaseKind } from '../../db/database';
import type { DB } from '../../db/schema';
import { inlineParameters, pgArrayLiteral } from './pg-array-parameters';
import {
  pgBatchWriteSql,
  pgColumnTypes,
  pgTableWrites,
  PG_WRITTEN_TABLES,
} from './pg-batch-write.repository';
import { PgGroupCommit } from './pg-group-commit.repository';
import type {
  ActivityRow,
  BatchVersions,
  BatchWrites,
  ChangeRow,
  MutationRow,
  NewChange,
} from './push-rows';
import type { SqlTemplates } from './push-sql-templates.repository';
import { SqliteBatchWrite } from './sqlite-batch-write.repository';

// The statements of one push transaction (sync.repository.ts opens it and serves the reads of
// pulls and history): its locks and reads; its last write is each database's own
// (sqlite-batch-write.repository.ts, pg-batch-write.repository.ts).

/**
 * PostgreSQL: the group commit every push of `templates`' repository writes through, its
 * statement text kept by shape (the column types are read by the first push: pgColumnTypes).
 */
export function pgGroupCommit(templates: SqlTemplates): PgGroupCommit {
  return new PgGroupCommit((tables, takesVersions, encodings) =>
    templates.text(
      `pgBatchWrite:${takesVersions}:${tables.map((t) => t.table).join(',')}:${encodings}`,
      () => pgBatchWriteSql(tables, templates.columnTypes, takesVersions, encodings),
    ),
  );
}

/** What a push reads under its locks before it applies anything (PushBatch.run). */
export interface PushReads {
  /** The account's own mutations among the batch's ids. */
  applied: Map<string, MutationRow>;
  /** Current state of the batch's records. */
  activities: Map<string, ActivityRow>;
  /** The last version handed out: new versions are numbered after it, provisionally. */
  counter: number;
  /** Which of the batch's photos are stored. */
  storedPhotos: Set<string>;
}

/**
 * PostgreSQL: the account's mutations among `ids` (a text[] expression), tagged 'm'. Each id is
 * looked up in the primary key, one probe each: written as `user_id = … and mutation_id = any
 * (…)` — or as a plain join — the planner read ALL the account's mutations (the user alone in
 * the index condition, the ids as a filter: 20,000 rows for 200 ids in bench:push, 3.5 ms a push
 * and growing with the account's history). `limit 1` (the key is unique) keeps the subquery per
 * id, so it is not flattened into that scan (test/server/push-mutation-read.test.ts).
 */
export const pgAppliedMutations = (ids: string, userId: string) =>
  `select 'm' as _t, m.* from unnest(${ids}) as q(id)
    cross join lateral (select * from mutations
      where user_id = ${userId} and mutation_id = q.id limit 1) as m`;

/**
 * PostgreSQL: a push's BEGIN, its locks and its reads as one query text (simple query protocol:
 * the statements run one after the other, each reading a snapshot taken when it starts — so
 * every read sees what was committed before the locks were granted, as when each was its own
 * round trip). The rows come back as one list (database.ts, joinedResultsClient), each read's
 * tagged by `_t`. `v`: the stored version each current record points to — a push re-reads it
 * for every record it edits (PushBatch.stamped), one round trip each.
 */
const PG_LOCK_AND_READ = `select count(pg_advisory_xact_lock(k.space, k.key)) as _locks from (
    select distinct 1 as space, hashtext(id) as key from unnest($1::text[]) as r(id)
    union
    select distinct 2, hashtext(id) from unnest($2::text[]) as m(id)
    order by 1, 2) as k;
  ${pgAppliedMutations('$2::text[]', '$3')};
  select 'a' as _t, a.* from activities a where a.id = any ($1::text[]);
  select 'v' as _t, c.* from activities a
    join changes c on c.record_id = a.id and c.version = a.rev and c.collection = 'activities'
    where a.id = any ($1::text[]);
  select 'c' as _t, value from version_counter where id = 1;
  select 'p' as _t, sha256 from photos where sha256 = any ($4::text[])`;

export class PushTransaction {
  /** PostgreSQL: writeBatch committed the transaction (with its last statement). */
  committed = false;
  /**
   * PostgreSQL: BEGIN was sent. It travels with the push's first query (lockAndRead), not as a
   * round trip of its own; see inPushTransaction.
   */
  begun = false;
  /** Stored versions read with the locks (lockAndRead): `version` answers them without a query. */
  private readonly knownVersions = new Map<string, ChangeRow>();

  constructor(
    /** The push's transaction (PostgreSQL: its connection, BEGIN sent; see inPushTransaction). */
    private readonly trx: Kysely<DB>,
    private readonly templates: SqlTemplates,
    private readonly kind: DatabaseKind,
    /** PostgreSQL: how the batch's last write is made (alone or with other pushes'). */
    private readonly groupCommit?: PgGroupCommit,
  ) {}

  /**
   * A push's first step: its locks (lockRecords), then its reads — the account's mutations among
   * `mutationIds`, the records' current state, the counter and the stored photos. SQLite: one
   * statement after the other on the push worker. PostgreSQL: BEGIN, the locks and the reads in
   * ONE round trip (PG_LOCK_AND_READ), where they were six, each waiting for a busy Node process
   * and a backend on two busy cores at 500 phones.
   */
  async lockAndRead(
    userId: string,
    recordIds: string[],
    mutationIds: string[],
    photoHashes: string[],
  ): Promise<PushReads> {
    if (this.kind === 'sqlite' || this.begun) {
      await this.lockRecords(recordIds, mutationIds);
      return {
        applied: await this.appliedMutations(userId, mutationIds),
        activities: await this.activities(recordIds),
        counter: await this.counterValue(),
        storedPhotos: await this.storedPhotos(photoHashes),
      };
    }
    const text = inlineParameters(PG_LOCK_AND_READ, [
      pgArrayLiteral(recordIds),
      pgArrayLiteral(mutationIds),
      userId,
      pgArrayLiteral(photoHashes),
    ]);
    this.begun = true;
    const { rows } = await this.trx.executeQuery<{ _t?: string } & Record<string, unknown>>(
      CompiledQuery.raw(`begin;\n${text}`, []),
    );
    const reads: PushReads = {
      applied: new Map(),
      activities: new Map(),
      counter: NaN,
      storedPhotos: new Set(),
    };
    for (const { _t: tag, ...row } of rows) {
      if (tag === 'm') reads.applied.set(String(row.mutation_id), row as MutationRow);
      else if (tag === 'a') reads.activities.set(String(row.id), row as ActivityRow);
      else if (tag === 'v')
        this.knownVersions.set(`${row.record_id}/${row.version}`, row as ChangeRow);
      else if (tag === 'c') reads.counter = Number(row.value);
      else if (tag === 'p') reads.storedPhotos.add(String(row.sha256));
    }
    if (Number.isNaN(reads.counter)) throw new Error('version_counter has no row');
    return reads;
  }

  /** PostgreSQL: sends BEGIN unless a query carried it already (lockAndRead). */
  private async begin(): Promise<void> {
    if (this.kind === 'sqlite' || this.begun) return;
    this.begun = true;
    await this.trx.executeQuery(CompiledQuery.raw('begin'));
  }

  /**
   * First statement of a push: serializes it against other pushes of the same records (or
   * mutation ids), and only those. PostgreSQL: transaction-scoped advisory locks, taken in one
   * fixed order (sorted keys) so two pushes cannot deadlock. SQLite has one writer at a time
   * anyway; it takes the database write lock now rather than upgrading a read transaction later,
   * which fails if another process (the users CLI) wrote in between.
   */
  async lockRecords(recordIds: string[], mutationIds: string[]): Promise<void> {
    await this.begin();
    if (this.kind === 'sqlite') {
      await this.trx.executeQuery(
        CompiledQuery.raw('update version_counter set value = value where id = 1'),
      );
      return;
    }
    // Two key spaces (1: records, 2: mutation ids) of hashtext's int4s; a collision only makes
    // two unrelated pushes wait for each other.
    await this.trx.executeQuery(
      CompiledQuery.raw(
        `select pg_advisory_xact_lock(k.space, k.key) from (
           select distinct 1 as space, hashtext(id) as key from unnest($1::text[]) as r(id)
           union
           select distinct 2, hashtext(id) from unnest($2::text[]) as m(id)
           order by 1, 2) as k`,
        [recordIds, mutationIds],
      ),
    );
  }

  /** The last version handed out, read without locking the counter (see takeVersions). */
  async counterValue(): Promise<number> {
    await this.begin();
    const query = this.templates.query('counterValue', [1], () =>
      this.trx.selectFrom('version_counter').select('value').where('id', '=', 1),
    );
    const { rows } = await this.trx.executeQuery<{ value: number }>(query);
    if (!rows[0]) throw new Error('version_counter has no row');
    return Number(rows[0].value);
  }

  /** Hands out `count` versions; returns the first (SqliteBatchWrite.takeVersions). */
  async takeVersions(count: number): Promise<number> {
    await this.begin();
    return new SqliteBatchWrite(this.trx, this.templates).takeVersions(count);
  }

  /** The account's own mutations among `ids` (ids are unique per account, not globally). */
  async appliedMutations(userId: string, ids: string[]): Promise<Map<string, MutationRow>> {
    if (ids.length === 0) return new Map();
    await this.begin();
    if (this.kind === 'postgres') {
      const { rows } = await this.trx.executeQuery<MutationRow & { _t?: string }>(
        CompiledQuery.raw(pgAppliedMutations('$1::text[]', '$2'), [pgArrayLiteral(ids), userId]),
      );
      return new Map(rows.map(({ _t, ...r }) => [r.mutation_id, r]));
    }
    const query = this.templates.query(`appliedMutations:${ids.length}`, [userId, ...ids], () =>
      this.trx
        .selectFrom('mutations')
        .selectAll()
        .where('user_id', '=', userId)
        .where('mutation_id', 'in', ids),
    );
    const { rows } = await this.trx.executeQuery<MutationRow>(query);
    return new Map(rows.map((r) => [r.mutation_id, r]));
  }

  async activities(ids: string[]): Promise<Map<string, ActivityRow>> {
    if (ids.length === 0) return new Map();
    await this.begin();
    const query = this.templates.query(`activities:${ids.length}`, ids, () =>
      this.trx.selectFrom('activities').selectAll().where('id', 'in', ids),
    );
    const { rows } = await this.trx.executeQuery<ActivityRow>(query);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A stored version of the record (a committed version never changes: read once). */
  async version(recordId: string, version: number): Promise<ChangeRow | undefined> {
    const known = this.knownVersions.get(`${recordId}/${version}`);
    if (known) return known;
    await this.begin();
    return this.trx
      .selectFrom('changes')
      .selectAll()
      .where('record_id', '=', recordId)
      .where('version', '=', version)
      .where('collection', '=', 'activities')
      .executeTakeFirst();
  }

  /** The record's latest version that holds data (what a deleted record was). */
  async latestRecord(recordId: string): Promise<Pick<ChangeRow, 'data'> | undefined> {
    await this.begin();
    return this.trx
      .selectFrom('changes')
      .select('data')
      .where('record_id', '=', recordId)
      .where('collection', '=', 'activities')
      .where('data', 'is not', null)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The device's latest version of the record after `afterVersion` (its own offline edits). */
  async latestByDevice(
    recordId: string,
    deviceId: string,
    afterVersion: number,
  ): Promise<ChangeRow | undefined> {
    await this.begin();
    return this.trx
      .selectFrom('changes')
      .selectAll()
      .where('record_id', '=', recordId)
      .where('collection', '=', 'activities')
      .where('device_id', '=', deviceId)
      .where('version', '>', afterVersion)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** History rows, one multi-row INSERT (SqliteBatchWrite.insertChanges). */
  async insertChanges(rows: NewChange[]): Promise<void> {
    await this.begin();
    return new SqliteBatchWrite(this.trx, this.templates).insertChanges(rows);
  }

  /** Which of these photos are stored (complete and verified). */
  async storedPhotos(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    await this.begin();
    const rows = await this.trx
      .selectFrom('photos')
      .select('sha256')
      .where('sha256', 'in', hashes)
      .execute();
    return new Set(rows.map((r) => r.sha256));
  }

  /**
   * The end of a push: takes its versions from the counter, writes its rows — history, current
   * state, report totals, mutation ids, photo references — at the versions taken, and returns
   * the first version taken (start + 1 if none). SQLite (the write lock held since lockRecords):
   * takeVersions and one reused multi-row statement per table. PostgreSQL: the counter, every
   * row and COMMIT in one round trip (pg-batch-write.repository.ts), so the counter row is not
   * held across a turn of Node's event loop — possibly together with other pushes' batches, in
   * one of their transactions (pg-group-commit.repository.ts); see `committed`.
   */
  async writeBatch(writes: BatchWrites, versions: BatchVersions): Promise<number> {
    if (this.kind === 'sqlite') {
      return new SqliteBatchWrite(this.trx, this.templates).write(writes, versions);
    }
    await this.begin();
    await this.pgColumnTypes();
    const groupCommit = this.groupCommit ?? pgGroupCommit(this.templates);
    const { first, committed } = await groupCommit.write(this.trx, {
      writes: pgTableWrites(writes),
      versions,
    });
    // Written by another push's transaction (group commit): this one holds only reads and
    // locks, and ends after that commit (inPushTransaction), so its locks cover its writes.
    this.committed = committed;
    return first;
  }

  /** The written tables' column types, read once (SqlTemplates keeps them). */
  private async pgColumnTypes(): Promise<ReadonlyMap<string, ReadonlyMap<string, string>>> {
    const cached = this.templates.columnTypes;
    if (cached.size > 0) return cached;
    for (const [table, map] of await pgColumnTypes(this.trx, PG_WRITTEN_TABLES)) {
      cached.set(table, map);
    }
    return cached;
  }
}
