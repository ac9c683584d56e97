import type { Compilable, CompiledQuery as Compiled, Insertable, Kysely, Selectable } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';
import type { DatabaseKind } from '../../db/database';
import type { ActivitiesTable, ChangesTable, DB, MutationsTable } from '../../db/schema';
import { REPORT_COLUMN_NAMES } from '../reports/report-columns';
import {
  inlineParameters,
  pgArrayLiteral,
  pgBatchWriteSql,
  pgColumnTypes,
  type PgTableWrite,
} from './pg-batch-write.repository';
import { PgGroupCommit } from './pg-group-commit.repository';
import {
  TOTALS_COLUMNS,
  TOTALS_KEY_COLUMNS,
  TOTALS_VALUE_COLUMNS,
  type TotalsRow,
} from '../reports/report-totals';

// The statements of one push transaction (sync.repository.ts opens it and serves the reads of
// pulls and history): locks, versions, the rows a push writes, and their SQL kept by shape.

export type ChangeRow = Selectable<ChangesTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewChange = Insertable<ChangesTable>;
export type MutationRow = Selectable<MutationsTable>;

export const CHANGE_COLUMNS = [
  'version',
  'collection',
  'record_id',
  'op',
  'geography_id',
  'commune_code',
  'prev_geography_id',
  'prev_commune_code',
  'data',
  'submitted',
  'user_id',
  'device_id',
  'updated_by',
  'updated_at',
] as const satisfies readonly (keyof ChangesTable)[];
const ACTIVITY_COLUMNS = [
  'id',
  'geography_id',
  'commune_code',
  'author_id',
  'rev',
  'deleted',
  'updated_at',
  ...REPORT_COLUMN_NAMES,
] as const satisfies readonly (keyof ActivitiesTable)[];
const MUTATION_COLUMNS = [
  'mutation_id',
  'record_id',
  'user_id',
  'device_id',
  'rev',
  'applied_at',
] as const satisfies readonly (keyof MutationsTable)[];

// Distinct batch sizes whose SQL is kept; a client sends full batches and one remainder.
const TEMPLATE_CACHE_SIZE = 48;

/**
 * SQL text of the push statements by shape (statement and row count), compiled by Kysely once:
 * building and compiling a 200-row INSERT costs more than running it. Parameters are always
 * passed in the template's order (row by row, columns as listed), checked when it is made.
 */
export class SqlTemplates {
  private readonly cache = new Map<string, string>();
  /** Hand-written SQL by key (PostgreSQL's batch write: one text whatever the row counts). */
  private readonly texts = new Map<string, string>();
  /** PostgreSQL column types by table, read from the catalog once (the unnest casts). */
  readonly columnTypes = new Map<string, Map<string, string>>();

  text(key: string, build: () => string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = build()));
    return text;
  }

  query(key: string, parameters: readonly unknown[], build: () => Compilable): Compiled {
    let text = this.cache.get(key);
    if (text === undefined) {
      const compiled = build().compile();
      if (compiled.parameters.length !== parameters.length) {
        throw new Error(`SQL template ${key}: ${compiled.parameters.length} parameters`);
      }
      text = compiled.sql;
      if (this.cache.size >= TEMPLATE_CACHE_SIZE)
        this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, text);
    }
    return CompiledQuery.raw(text, [...parameters]);
  }
}

// Rows per statement of the totals upsert: 250 × 48 parameters stays under SQLite's 32,766.
const TOTALS_PER_STATEMENT = 250;

/**
 * SQL of the totals upsert for `count` rows. Written by hand, not compiled by Kysely: its row
 * count differs from batch to batch, and compiling thousands of placeholders would cost more than
 * the statement (and churn the push's template cache).
 */
function totalsUpsertSql(kind: DatabaseKind, count: number): string {
  const width = TOTALS_COLUMNS.length;
  const rows: string[] = [];
  for (let r = 0; r < count; r++) {
    const marks = TOTALS_COLUMNS.map((_, c) =>
      kind === 'postgres' ? `$${r * width + c + 1}` : '?',
    );
    rows.push(`(${marks.join(', ')})`);
  }
  const sums = TOTALS_VALUE_COLUMNS.map((c) => `${c} = activity_totals.${c} + excluded.${c}`);
  return `insert into activity_totals (${TOTALS_COLUMNS.join(', ')}) values ${rows.join(', ')}
    on conflict (${TOTALS_KEY_COLUMNS.join(', ')}) do update set ${sums.join(', ')}`;
}

/** Everything a push batch writes, flushed at its end (see PushTransaction.writeBatch). */
export interface BatchWrites {
  changes: NewChange[];
  activities: ActivityRow[];
  totals: TotalsRow[];
  mutations: MutationRow[];
  /** Which activities referenced which photos (read rights of the photo). */
  photoRefs: PhotoRef[];
}
export type PhotoRef = { sha256: string; activity_id: string };

/**
 * The versions a batch takes: it numbered its new ones provisionally after the counter as it
 * read it (`start`, at or above every stored version of its locked records); `count` of them.
 */
export interface BatchVersions {
  start: number;
  count: number;
}

/** PostgreSQL: the tables a batch writes, in statement order, with their columns. */
function pgTableWrites(writes: BatchWrites): PgTableWrite[] {
  return [
    { table: 'changes', columns: CHANGE_COLUMNS, rows: writes.changes, versions: ['version'] },
    {
      table: 'activities',
      columns: ACTIVITY_COLUMNS,
      rows: writes.activities,
      versions: ['rev'],
      onConflict: { key: ['id'], action: 'replace' },
    },
    {
      table: 'activity_totals',
      columns: TOTALS_COLUMNS,
      rows: writes.totals,
      onConflict: { key: TOTALS_KEY_COLUMNS, action: 'add', values: TOTALS_VALUE_COLUMNS },
    },
    { table: 'mutations', columns: MUTATION_COLUMNS, rows: writes.mutations, versions: ['rev'] },
    {
      table: 'activity_photos',
      columns: PHOTO_REF_COLUMNS,
      rows: uniquePhotoRefs(writes.photoRefs),
      onConflict: { key: PHOTO_REF_COLUMNS, action: 'nothing' },
    },
  ];
}
const PHOTO_REF_COLUMNS = ['sha256', 'activity_id'] as const;
const PG_WRITTEN_TABLES = [
  'changes',
  'activities',
  'activity_totals',
  'mutations',
  'activity_photos',
];

function uniquePhotoRefs(rows: readonly PhotoRef[]): PhotoRef[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.sha256}/${r.activity_id}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Moves every version above `start` up by `delta`: the rows as the versions taken number them. */
function shiftVersions(writes: BatchWrites, start: number, delta: number) {
  if (delta === 0) return;
  const moved = (version: number) => (version > start ? version + delta : version);
  for (const row of writes.changes) row.version = moved(Number(row.version));
  for (const row of writes.activities) row.rev = moved(row.rev);
  for (const row of writes.mutations) row.rev = moved(row.rev);
}

/** Row-major parameters of `rows` for `columns`; an absent optional column is NULL. */
function rowParameters<R>(rows: readonly R[], columns: readonly (keyof R)[]): unknown[] {
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of columns) parameters.push(row[column] ?? null);
  return parameters;
}

/** `count` rows whose every column is a (placeholder) parameter, keys in `columns` order. */
function placeholderRows<C extends string>(columns: readonly C[], count: number) {
  const row = Object.fromEntries(columns.map((c) => [c, ''])) as Record<C, never>;
  return Array.from({ length: count }, () => ({ ...row }));
}

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
  select 'm' as _t, m.* from mutations m where m.user_id = $3 and m.mutation_id = any ($2::text[]);
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

  /**
   * Hands out `count` versions; returns the first. On PostgreSQL the UPDATE holds the counter's
   * row lock until commit, so versions are taken in commit order and no reader can pass a
   * version that commits later. Every push needs this one row, so it is taken last — after all
   * reads, checks and merges — and only the writes and the commit happen while it is held.
   */
  async takeVersions(count: number): Promise<number> {
    await this.begin();
    const query = this.templates.query('takeVersions', [count, 1], () =>
      this.trx
        .updateTable('version_counter')
        .set((eb) => ({ value: eb('value', '+', count) }))
        .where('id', '=', 1)
        .returning('value'),
    );
    const { rows } = await this.trx.executeQuery<{ value: number }>(query);
    if (!rows[0]) throw new Error('version_counter has no row');
    return Number(rows[0].value) - count + 1;
  }

  /** The account's own mutations among `ids` (ids are unique per account, not globally). */
  async appliedMutations(userId: string, ids: string[]): Promise<Map<string, MutationRow>> {
    if (ids.length === 0) return new Map();
    await this.begin();
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

  /** Current state, one row per record (callers pass each record once). */
  async saveActivities(rows: ActivityRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.begin();
    const parameters = rowParameters(rows, ACTIVITY_COLUMNS);
    const query = this.templates.query(`saveActivities:${rows.length}`, parameters, () =>
      this.trx
        .insertInto('activities')
        .values(placeholderRows(ACTIVITY_COLUMNS, rows.length))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(
                ACTIVITY_COLUMNS.filter((c) => c !== 'id').map((c) => [c, eb.ref(`excluded.${c}`)]),
              ),
            ),
        ),
    );
    await this.trx.executeQuery(query);
  }

  /** Adds a batch's differences to the report totals (see report-totals.ts). */
  async addTotals(rows: TotalsRow[]): Promise<void> {
    await this.begin();
    for (let i = 0; i < rows.length; i += TOTALS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + TOTALS_PER_STATEMENT);
      await this.trx.executeQuery(
        CompiledQuery.raw(
          totalsUpsertSql(this.kind, chunk.length),
          rowParameters(chunk, TOTALS_COLUMNS),
        ),
      );
    }
  }

  insertChanges(rows: NewChange[]): Promise<void> {
    return this.insertRows('changes', CHANGE_COLUMNS, rows);
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

  /** Remembers which activities referenced which photos (read rights of the photo). */
  async insertPhotoRefs(rows: PhotoRef[]): Promise<void> {
    if (rows.length === 0) return;
    await this.begin();
    await this.trx
      .insertInto('activity_photos')
      .values(uniquePhotoRefs(rows))
      .onConflict((oc) => oc.columns(['sha256', 'activity_id']).doNothing())
      .execute();
  }

  insertMutations(rows: MutationRow[]): Promise<void> {
    return this.insertRows('mutations', MUTATION_COLUMNS, rows);
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
      let first = versions.start + 1;
      if (versions.count > 0) {
        first = await this.takeVersions(versions.count);
        shiftVersions(writes, versions.start, first - (versions.start + 1));
      }
      await this.insertChanges(writes.changes);
      await this.saveActivities(writes.activities);
      await this.addTotals(writes.totals);
      await this.insertMutations(writes.mutations);
      await this.insertPhotoRefs(writes.photoRefs);
      return first;
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

  /** One multi-row INSERT of `rows` into `table`, its SQL kept by row count (SqlTemplates). */
  private async insertRows<T extends 'changes' | 'mutations', R>(
    table: T,
    columns: readonly (keyof R & string)[],
    rows: readonly R[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.begin();
    const parameters = rowParameters(rows, columns);
    const query = this.templates.query(`insert:${table}:${rows.length}`, parameters, () =>
      this.trx.insertInto(table).values(placeholderRows(columns, rows.length) as never),
    );
    await this.trx.executeQuery(query);
  }
}
