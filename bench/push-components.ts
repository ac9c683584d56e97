import { loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { openSqliteConnection, type SqliteConnection } from '../src/server/db/sqlite-connection';
import { reportColumns } from '../src/server/modules/reports/report-columns';
import { totalsDelta, TOTALS_COLUMNS } from '../src/server/modules/reports/report-totals';
import { acceptActivity } from '../src/server/modules/sync/prepare-mutation';
import { ACTIVITY_COLUMNS, CHANGE_COLUMNS } from '../src/server/modules/sync/push-rows';
import { mutationSchema } from '../src/shared/sync/sync-protocol';
import type { Activity } from '../src/shared/activity/activity.schema';
import { uuidv7 } from '../src/shared/ids/uuidv7';
import { MAX_PUSH_MUTATIONS } from '../src/shared/sync/sync-protocol';
import { sampleActivity } from './support/sample-activity';
import { createTestDatabase as scratchDatabase } from '../test/server/support/test-database';

// `npm run bench:push-components` (SQLite): what each part of a push costs per record, measured
// alone in the protocol's batches (one transaction per MAX_PUSH_MUTATIONS records, one reused
// prepared statement per batch shape), next to the single-table raw insert of `bench:push` in the
// same run. Each storage figure runs on a freshly migrated database; "without X" drops X (an index
// or the FTS5 triggers) first, so the difference is X's cost. CPU parts run on the same records.

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COMMUNE = '30742';
const GEOGRAPHY = 'an-giang-2025';
const N = MAX_PUSH_MUTATIONS;
const load = () => loadavg()[0]!.toFixed(1);
// Process CPU time (user + system), not wall time: every part here is synchronous on this thread
// (better-sqlite3; WAL with synchronous=NORMAL does not fsync at COMMIT), so on a quiet machine
// the two agree, and on the shared one other processes' load does not land in the figure.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const author = uuidv7();
const activities: Activity[] = Array.from({ length: N + RECORDS }, (_, i) =>
  sampleActivity(i, {
    communeCode: COMMUNE,
    geographyId: GEOGRAPHY,
    authorId: author,
    now: Date.now() - 86_400_000,
  }),
);
const stamp = new Date().toISOString();
const batchesOf = <T>(rows: T[]) => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += N) out.push(rows.slice(i, i + N));
  return out;
};

type Row = Record<string, unknown>;
/** Each writer's rows are built once, before any clock starts (the CPU parts are timed apart). */
const rowCache = new WeakMap<object, Row[]>();
function rowsOf(toRow: (a: Activity, i: number) => Row): Row[] {
  let rows = rowCache.get(toRow);
  if (!rows) rowCache.set(toRow, (rows = activities.map((a, i) => toRow(a, i))));
  return rows;
}
type Writer = (db: SqliteConnection, batch: Activity[], offset: number) => void;

/** A multi-row INSERT of `columns` prepared once per row count. */
function inserter(
  table: string,
  columns: readonly string[],
  toRow: (a: Activity, i: number) => Row,
  tail = '',
): Writer {
  const perDb = new WeakMap<
    SqliteConnection,
    Map<number, ReturnType<SqliteConnection['prepare']>>
  >();
  return (db, batch, offset) => {
    let statements = perDb.get(db);
    if (!statements) perDb.set(db, (statements = new Map()));
    let statement = statements.get(batch.length);
    if (!statement) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = db.prepare(
        `insert into ${table} (${columns.join(', ')}) values ${Array(batch.length).fill(row).join(', ')} ${tail}`,
      );
      statements.set(batch.length, statement);
    }
    const all = rowsOf(toRow);
    const parameters: unknown[] = [];
    for (let i = 0; i < batch.length; i++) {
      const row = all[offset + i]!;
      for (const c of columns) parameters.push(row[c] ?? null);
    }
    statement.run(parameters);
  };
}

const changeRow = (a: Activity, i: number): Row => ({
  version: 1000 + i,
  collection: 'activities',
  record_id: a.id,
  op: 'upsert',
  geography_id: a.geographyId,
  commune_code: a.communeCode,
  data: JSON.stringify(a),
  user_id: a.authorId,
  device_id: 'bench',
  updated_by: a.authorName,
  updated_at: stamp,
});
const activityRow = (a: Activity, i: number): Row => ({
  ...reportColumns(a),
  id: a.id,
  geography_id: a.geographyId,
  commune_code: a.communeCode,
  author_id: a.authorId,
  rev: 1000 + i,
  deleted: 0,
  updated_at: stamp,
});
const upsertTail = `on conflict (id) do update set ${ACTIVITY_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;
const MUTATION_COLUMNS = ['mutation_id', 'record_id', 'user_id', 'device_id', 'rev', 'applied_at'];
const mutationRow = (a: Activity, i: number): Row => ({
  mutation_id: uuidv7(),
  record_id: a.id,
  user_id: a.authorId,
  device_id: 'bench',
  rev: 1000 + i,
  applied_at: stamp,
});
const totalsUpsertTail = `on conflict (grain, bucket, geography_id, commune_code, form, status) do update set ${TOTALS_COLUMNS.slice(
  6,
)
  .map((c) => `${c} = activity_totals.${c} + excluded.${c}`)
  .join(', ')}`;
function totalsWriter(): Writer {
  const perDb = new WeakMap<
    SqliteConnection,
    Map<number, ReturnType<SqliteConnection['prepare']>>
  >();
  return (db, batch, offset) => {
    let statements = perDb.get(db);
    if (!statements) perDb.set(db, (statements = new Map()));
    const current = rowsOf(activityRow);
    const rows = totalsDelta(
      batch.map((_, i) => ({ before: undefined, after: current[offset + i] as never })),
    );
    let statement = statements.get(rows.length);
    if (!statement) {
      const row = `(${TOTALS_COLUMNS.map(() => '?').join(', ')})`;
      statement = db.prepare(
        `insert into activity_totals (${TOTALS_COLUMNS.join(', ')}) values ${Array(rows.length).fill(row).join(', ')} ${totalsUpsertTail}`,
      );
      statements.set(rows.length, statement);
    }
    const parameters: unknown[] = [];
    for (const r of rows) for (const c of TOTALS_COLUMNS) parameters.push(r[c] ?? null);
    statement.run(parameters);
  };
}

const RAW_DDL = `create table bench_raw (id text primary key, commune_code text not null,
  author_id text not null, rev integer not null, deleted integer not null, data text,
  updated_at text not null)`;
const rawWriter = inserter(
  'bench_raw',
  ['id', 'commune_code', 'author_id', 'rev', 'deleted', 'data', 'updated_at'],
  (a, i) => ({
    id: a.id,
    commune_code: a.communeCode,
    author_id: a.authorId,
    rev: i + 1,
    deleted: 0,
    data: JSON.stringify(a),
    updated_at: stamp,
  }),
);

/** Records/s of `writers` per batch transaction on a fresh migrated database after `setup`. */
type Setup = string | ((db: SqliteConnection) => void);

async function storageRate(setup: Setup[], writers: Writer[]): Promise<number> {
  const scratch = await scratchDatabase('sqlite');
  const database = openDatabase(scratch.config);
  await migrateToLatest(database);
  await database.close();
  const db = openSqliteConnection((scratch.config as { file: string }).file);
  try {
    for (const step of setup) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    const batches = batchesOf(activities);
    const run = (batch: Activity[], offset: number) =>
      db.transaction(() => {
        for (const w of writers) w(db, batch, offset);
      })();
    run(batches[0]!, 0);
    const started = cpuMs();
    batches.slice(1).forEach((b, i) => run(b, (i + 1) * N));
    return RECORDS / ((cpuMs() - started) / 1000);
  } finally {
    db.close();
    await scratch.drop();
  }
}

/** Microseconds per record of a CPU-only step over the measured records (after a warm-up). */
function cpuMicros(step: (a: Activity, i: number) => unknown): number {
  activities.slice(0, N).forEach(step);
  const started = cpuMs();
  activities.slice(N).forEach((a, i) => step(a, i));
  return ((cpuMs() - started) * 1000) / RECORDS;
}

const changes = inserter('changes', CHANGE_COLUMNS, changeRow);
const current = inserter('activities', ACTIVITY_COLUMNS, activityRow, upsertTail);
const mutations = inserter('mutations', MUTATION_COLUMNS, mutationRow);
const totals = totalsWriter();
const NO_FTS = ['insert', 'update', 'delete'].map((t) => `drop trigger activities_search_${t}`);

/** The explicit indexes of `tables` in a freshly migrated database. */
async function indexesOf(tables: string[]): Promise<string[]> {
  const scratch = await scratchDatabase('sqlite');
  const database = openDatabase(scratch.config);
  await migrateToLatest(database);
  await database.close();
  const db = openSqliteConnection((scratch.config as { file: string }).file);
  try {
    const rows = db
      .prepare(
        `select name from sqlite_master where type = 'index' and sql is not null
         and tbl_name in (${tables.map(() => '?').join(', ')}) order by tbl_name, name`,
      )
      .all(...tables) as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
    await scratch.drop();
  }
}

const ALL = [changes, current, totals, mutations];
const without = (w: Writer) => ALL.filter((x) => x !== w);
// Alone: each table's rows in their own transactions. "All … without X": X's share of a push's
// writes (one transaction, one COMMIT, as a push): the difference to "all" is X's cost.
/**
 * An experiment, not the schema: `activities` as a rowid table (its id a unique index) with the
 * same columns and indexes, and the trigram index keyed by that rowid (no activity_search_keys).
 * SQLite advises WITHOUT ROWID only for rows far smaller than these (~1.7 kB with the text).
 */
const ROWID_CURRENT: Setup = (db) => {
  db.exec('create table activities_rowid as select * from activities where 0');
  db.exec('create unique index activities_rowid_id on activities_rowid (id)');
  const indexes = db
    .prepare(
      `select sql from sqlite_master where type = 'index' and tbl_name = 'activities' and sql is not null`,
    )
    .all() as { sql: string }[];
  indexes.forEach(({ sql }, i) =>
    db.exec(
      sql
        .replace(
          /create index \S+ on activities/i,
          `create index activities_rowid_${i} on activities_rowid`,
        )
        .replace(
          /create index \S+ on "activities"/i,
          `create index activities_rowid_${i} on activities_rowid`,
        ),
    ),
  );
  db.exec(`create virtual table activities_rowid_search using fts5(
    search_text, content='', contentless_delete=1, tokenize='trigram')`);
  db.exec(`create trigger activities_rowid_search_insert after insert on activities_rowid begin
    insert into activities_rowid_search (rowid, search_text)
      select new.rowid, new.search_text || char(1, 1) where new.deleted = 0;
  end`);
};
const currentRowid = inserter('activities_rowid', ACTIVITY_COLUMNS, activityRow, upsertTail);

const FLOOR_ROWS = 'history + current + mutation ids (no FTS5, no totals)';
const storage: [string, Setup[], Writer[]][] = [
  ['raw one-table insert (bench:push baseline)', [RAW_DDL], [rawWriter]],
  ['alone: changes (history, JSON) + its indexes', [], [changes]],
  ['alone: activities upsert + indexes + FTS5 triggers', [], [current]],
  ['alone: activity_totals upsert', [], [totals]],
  ['alone: mutations insert', [], [mutations]],
  ['ALL what a push writes (4 tables, 1 transaction)', [], ALL],
  ['all without changes (history)', [], without(changes)],
  ['all without activities (current state)', [], without(current)],
  ['all without the FTS5 trigram triggers', NO_FTS, ALL],
  // What the issue's other points leave no choice about: history (the record's history), the
  // current state with its report columns (kept in the push transaction), the mutation ids
  // (exactly-once). The floor printed at the end starts from it.
  [FLOOR_ROWS, NO_FTS, without(totals)],
  // One line per index of the two tables (read from the migrated schema), each dropped alone.
  ...(await indexesOf(['changes', 'activities'])).map((name): [string, string[], Writer[]] => [
    `all without ${name}`,
    [`drop index ${name}`],
    ALL,
  ]),
  ['alone: activities as a rowid table (experiment)', [ROWID_CURRENT], [currentRowid]],
  [
    'all, activities as a rowid table (experiment)',
    [ROWID_CURRENT],
    [changes, currentRowid, totals, mutations],
  ],
  ['all without activity_totals', [], without(totals)],
  ['all without mutations', [], without(mutations)],
];

const bodies = batchesOf(activities).map((b) =>
  Buffer.from(
    JSON.stringify({
      mutations: b.map((data) => ({
        mutationId: uuidv7(),
        recordId: data.id,
        op: 'upsert',
        baseRev: null,
        data,
        clientTime: stamp,
      })),
    }),
  ),
);
const cpu: [string, () => number][] = [
  [
    'UTF-8 decode + JSON.parse of the request bodies',
    () => {
      const started = cpuMs();
      for (const b of bodies.slice(1)) JSON.parse(b.toString('utf8'));
      return ((cpuMs() - started) * 1000) / RECORDS;
    },
  ],
  [
    'mutation envelope check (zod mutationSchema)',
    () =>
      cpuMicros((a) =>
        mutationSchema.parse({
          mutationId: a.id,
          recordId: a.id,
          op: 'upsert',
          baseRev: null,
          data: a,
          clientTime: stamp,
        }),
      ),
  ],
  ['record validation (acceptActivity fast path)', () => cpuMicros((a) => acceptActivity(a))],
  ['JSON.stringify of the record (history data)', () => cpuMicros((a) => JSON.stringify(a))],
  ['report columns + folded search text', () => cpuMicros((a) => reportColumns(a))],
  [
    // A SQLite push goes to its worker thread as the body's text (push-worker-client.ts).
    'structured clone of the body text (to the worker)',
    () => {
      const texts = bodies.slice(1).map((b) => b.toString('utf8'));
      const started = cpuMs();
      for (const text of texts) deserialize(serialize(text));
      return ((cpuMs() - started) * 1000) / RECORDS;
    },
  ],
];
// Per record, work no push can skip: read the body, check the record, keep its JSON for the
// history, derive its report columns.
const FLOOR_CPU = [
  'UTF-8 decode + JSON.parse of the request bodies',
  'record validation (acceptActivity fast path)',
  'JSON.stringify of the record (history data)',
  'report columns + folded search text',
];

console.log(
  `\nPush components on SQLite, ${RECORDS.toLocaleString('en-US')} records in batches of ${N}, best of ${ROUNDS} (Node ${process.version})`,
);
// BENCH_LINES=regex: only the storage lines whose name matches (the baseline always runs).
const only = process.env.BENCH_LINES ? new RegExp(process.env.BENCH_LINES) : undefined;
if (only) storage.splice(1, storage.length, ...storage.slice(1).filter(([n]) => only.test(n)));
const best = new Map<string, number>();
const loads = [load()];
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, setup, writers] of storage) {
    best.set(name, Math.max(best.get(name) ?? 0, await storageRate(setup, writers)));
  }
  for (const [name, measure] of cpu) {
    const us = measure();
    best.set(name, Math.max(best.get(name) ?? 0, 1e6 / us));
  }
  loads.push(load());
}
const baseline = best.get(storage[0]![0])!;
for (const [name] of [...storage, ...cpu]) {
  const rate = best.get(name)!;
  console.log(
    `  ${name.padEnd(52)} ${(1e6 / rate).toFixed(1).padStart(6)} µs CPU/record  ${Math.round(rate)
      .toLocaleString('en-US')
      .padStart(9)}/s  ${(baseline / rate).toFixed(2).padStart(6)}× raw`,
  );
}
if (best.has(FLOOR_ROWS)) {
  const us = [FLOOR_ROWS, ...FLOOR_CPU].reduce((sum, name) => sum + 1e6 / best.get(name)!, 0);
  console.log(
    `  ${'floor: those rows + parse, check, JSON, columns'.padEnd(52)} ${us.toFixed(1).padStart(6)} ` +
      `µs CPU/record  ${''.padStart(9)}   ${((us * baseline) / 1e6).toFixed(2).padStart(6)}× raw\n` +
      `  (the floor has no HTTP, reads, merge, answer, text index or totals, on one thread)`,
  );
}
console.log(`  load average (1 min) ${loads.join(' → ')}`);
