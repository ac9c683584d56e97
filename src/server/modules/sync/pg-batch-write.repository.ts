import type { Kysely } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';
import { PREPARED_STATEMENT } from '../../db/prepared-statement';
import type { DB } from '../../db/schema';
import { TOTALS_COLUMNS, TOTALS_KEY_COLUMNS, TOTALS_VALUE_COLUMNS } from '../reports/report-totals';
import {
  ACTIVITY_COLUMNS,
  CHANGE_COLUMNS,
  MUTATION_COLUMNS,
  PHOTO_REF_COLUMNS,
  uniquePhotoRefs,
  type BatchWrites,
} from './push-rows';
import {
  inlineParameters,
  INLINE_MAX_CHARS,
  pgColumnParameter,
  pgColumnSql,
} from './pg-array-parameters';

// PostgreSQL's end of a push (push-transaction.repository.ts): the versions taken from the
// counter, every row the batch writes and COMMIT, in one round trip.

/** One table a batch writes: its rows, each column as one array parameter (`unnest`). */
export interface PgTableWrite {
  table: string;
  /** Columns written, in the order of the rows' parameters. */
  columns: readonly string[];
  rows: readonly object[];
  /** Version columns numbered provisionally after the counter as read (see pgBatchWriteSql). */
  versions?: readonly string[];
  onConflict?:
    | { key: readonly string[]; action: 'replace' }
    | { key: readonly string[]; action: 'add'; values: readonly string[] }
    | { key: readonly string[]; action: 'nothing' };
}

/** What a table's columns are (format_type: what an array cast needs), by table. */
export type PgColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

const quote = (name: string) => `"${name}"`;

/**
 * One statement writing a batch's rows in every table it touches, each table's rows as one
 * array parameter per column (`unnest`). A VALUES list of ~12,000 placeholders is parsed and
 * planned anew for every batch and cost the server about twice the CPU of these ~120 arrays.
 * Data-modifying CTEs all run to completion; none reads another's rows.
 *
 * With `takesVersions`, the statement also takes the versions from the counter ($1 of them):
 * the `version_counter` UPDATE runs first (the outer SELECT reads it before the other CTEs run)
 * and every version column holding a NEW version — written as minus its place among the versions
 * taken, -1 for the first (see pgBatchParameters) — becomes the counter's old value plus that
 * place; a version already stored (positive) is written as it is. It returns the last version
 * before the batch's (`base`). The counter row is locked from here to COMMIT — sent in the same
 * round trip (pgBatchWriteAndCommit), so no turn of Node's event loop falls inside the lock:
 * pushes take turns on that one row, and each turn is now only PostgreSQL's own time for the
 * writes and the commit. Several pushes' batches may be written by one statement (group commit,
 * pg-group-commit.repository.ts): one turn on the row for all of them.
 */
export function pgBatchWriteSql(
  writes: readonly Omit<PgTableWrite, 'rows'>[],
  types: PgColumnTypes,
  takesVersions: boolean,
  /** How each column's parameter is written (pgColumnParameter), in parameter order. */
  encodings: string,
): string {
  let next = 2;
  const ctes: string[] = [];
  if (takesVersions) {
    ctes.push(
      `c as (update version_counter set value = value + $1::bigint where id = 1
        returning value - $1::bigint as base)`,
    );
  }
  for (const [i, write] of writes.entries()) {
    const tableTypes = types.get(write.table);
    const arrays = write.columns.map((c) => {
      const type = tableTypes?.get(c);
      if (type === undefined) throw new Error(`${write.table}.${c}: no column type`);
      const n = next++;
      const encoding = encodings[n - 2];
      if (encoding === undefined) throw new Error(`${write.table}.${c}: no parameter encoding`);
      return pgColumnSql(n, type, encoding);
    });
    const shifted = takesVersions ? (write.versions ?? []) : [];
    const select = write.columns.map((c) =>
      shifted.includes(c)
        ? `case when u.${quote(c)} < 0 then c.base - u.${quote(c)} else u.${quote(c)} end`
        : `u.${quote(c)}`,
    );
    let statement = `insert into ${quote(write.table)} (${write.columns.map(quote).join(', ')})
      select ${select.join(', ')}
      from unnest(${arrays.join(', ')}) as u(${write.columns.map(quote).join(', ')})${
        shifted.length > 0 ? ' cross join c' : ''
      }`;
    const conflict = write.onConflict;
    if (conflict) {
      const key = conflict.key.map(quote).join(', ');
      if (conflict.action === 'nothing') statement += ` on conflict (${key}) do nothing`;
      else {
        const set =
          conflict.action === 'replace'
            ? write.columns
                .filter((c) => !conflict.key.includes(c))
                .map((c) => `${quote(c)} = excluded.${quote(c)}`)
            : conflict.values.map(
                (c) => `${quote(c)} = ${quote(write.table)}.${quote(c)} + excluded.${quote(c)}`,
              );
        statement += ` on conflict (${key}) do update set ${set.join(', ')}`;
      }
    }
    ctes.push(`w${i} as (${statement})`);
  }
  const result = takesVersions ? 'select base from c' : 'select null::bigint as base';
  return ctes.length > 0 ? `with ${ctes.join(',\n')}\n${result}` : result;
}

/** One push's writes and the versions it numbered provisionally (push-transaction.repository.ts). */
export interface PgBatch {
  writes: readonly PgTableWrite[];
  /** Its `count` new versions are numbered start + 1 … start + count (the counter as it read it). */
  versions: { start: number; count: number };
}

/** The parameters of one write statement for one or several batches (pgBatchWriteSql). */
export interface PgBatchStatement {
  /** The tables written (those with rows), in statement order. */
  tables: Omit<PgTableWrite, 'rows'>[];
  /** $1: the versions taken; then one parameter per column of each table (pgColumnParameter). */
  parameters: (string | number)[];
  /** How each column's parameter is written, one character each, from $2 on. */
  encodings: string;
  /** Characters of the parameters: what writing them into the query text costs. */
  size: number;
  /** Versions taken by all the batches. */
  count: number;
  /** Each batch's first new version's place among the versions taken (0: the first). */
  offsets: number[];
}

/**
 * The statement's parameters for `batches`, written by one statement in this order: a table's
 * rows of every batch in one array per column; each batch's new versions (above its `start`)
 * written as minus their place among all the versions taken (pgBatchWriteSql adds the counter).
 * Report totals of several batches for the same key are summed into one row, photo references
 * made once: one INSERT … ON CONFLICT may not touch a row twice. Records and mutation ids are
 * never in two batches of a group (their advisory locks: see PgGroupCommit).
 */
export function pgBatchParameters(batches: readonly PgBatch[]): PgBatchStatement {
  const offsets: number[] = [];
  let count = 0;
  for (const batch of batches) {
    offsets.push(count);
    count += batch.versions.count;
  }
  const tables: Omit<PgTableWrite, 'rows'>[] = [];
  const parameters: (string | number)[] = [count];
  let encodings = '';
  for (const [t, spec] of batches[0]!.writes.entries()) {
    const { rows, placeOf } = mergedRows(batches, t, offsets);
    if (rows.length === 0) continue;
    const { rows: _, ...table } = spec;
    tables.push(table);
    const versionColumns = new Set(spec.versions ?? []);
    for (const column of spec.columns) {
      const values = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
      const { encoding, parameter } = pgColumnParameter(
        versionColumns.has(column) ? values.map((v, i) => placeOf[i]!(Number(v))) : values,
      );
      parameters.push(parameter);
      encodings += encoding;
    }
  }
  let size = 0;
  for (const p of parameters) size += typeof p === 'string' ? p.length : 8;
  return { tables, parameters, encodings, size, count, offsets };
}

/** Table `t`'s rows of every batch, and for each row how its versions are written. */
function mergedRows(batches: readonly PgBatch[], t: number, offsets: readonly number[]) {
  const rows: object[] = [];
  const placeOf: ((version: number) => number)[] = [];
  const spec = batches[0]!.writes[t]!;
  const conflict = spec.onConflict;
  const byKey = new Map<string, Record<string, unknown>>();
  for (const [b, batch] of batches.entries()) {
    const { start } = batch.versions;
    const offset = offsets[b]!;
    const place = (version: number) => (version > start ? -(version - start + offset) : version);
    for (const row of batch.writes[t]!.rows) {
      if (batches.length > 1 && conflict && conflict.action !== 'replace') {
        const key = conflict.key
          .map((k) => String((row as Record<string, unknown>)[k]))
          .join('\u0000');
        const seen = byKey.get(key);
        if (seen) {
          if (conflict.action === 'add') {
            for (const c of conflict.values) {
              seen[c] = Number(seen[c] ?? 0) + Number((row as Record<string, unknown>)[c] ?? 0);
            }
          }
          continue;
        }
        const copy = { ...row } as Record<string, unknown>;
        byKey.set(key, copy);
        rows.push(copy);
      } else rows.push(row);
      placeOf.push(place);
    }
  }
  return { rows, placeOf };
}

/** Runs a write statement's text, `base` of its answer (the counter before the versions taken). */
async function baseOf(db: Kysely<DB>, query: ReturnType<typeof CompiledQuery.raw>) {
  const { rows } = await db.executeQuery<{ base: number | null }>(query);
  return rows[0]?.base;
}

/** The write statement's text for a statement's tables, taking versions or not, its encodings. */
export type SqlText = (
  tables: readonly Omit<PgTableWrite, 'rows'>[],
  takesVersions: boolean,
  encodings: string,
) => string;

/**
 * Writes one batch (and takes its versions, if any) and commits, in one round trip: the
 * statement and COMMIT as one query text. If the statement fails, PostgreSQL skips the COMMIT
 * and the caller rolls back. Returns the first version taken (start + 1 if none).
 */
export async function pgBatchWriteAndCommit(
  db: Kysely<DB>,
  sqlText: SqlText,
  batch: PgBatch,
  statement = pgBatchParameters([batch]),
): Promise<number> {
  const takesVersions = statement.count > 0;
  const text = sqlText(statement.tables, takesVersions, statement.encodings);
  let base: number | null | undefined;
  if (statement.size <= INLINE_MAX_CHARS) {
    base = await baseOf(
      db,
      CompiledQuery.raw(`${inlineParameters(text, statement.parameters)};\ncommit`, []),
    );
  } else {
    // A large batch (a phone's backlog): writing its arrays into the text costs more (~15 ms
    // per 200 records) than the one turn of Node's event loop the separate COMMIT holds the
    // counter across — and large batches are rare, so they seldom make others wait.
    // A named prepared statement: parsed once per connection, not for every batch.
    base = await baseOf(
      db,
      CompiledQuery.raw(`${PREPARED_STATEMENT}${text}`, statement.parameters),
    );
    await db.executeQuery(CompiledQuery.raw('commit'));
  }
  if (!takesVersions) return batch.versions.start + 1;
  if (base === undefined || base === null) throw new Error('version_counter has no row');
  return Number(base) + 1;
}

/** The group's statement failed and was undone; the transaction on `db` is usable again. */
export class GroupWriteUndone extends Error {
  constructor(override readonly cause: unknown) {
    super(`group write failed: ${(cause as Error)?.message ?? cause}`);
  }
}

/**
 * Writes several pushes' batches — each taken from its own transaction — with ONE statement in
 * the transaction on `db` (the first push's), taking all their versions with one counter update,
 * and commits it, in one round trip. Returns each batch's first version. The statement runs
 * after a savepoint: if it fails, the savepoint is rolled back and GroupWriteUndone thrown, so
 * the first push's transaction (its locks and reads) is intact and every push can be written
 * alone. Any other error (the COMMIT itself, a lost connection) leaves that transaction
 * unusable and is thrown as it is.
 */
export async function pgGroupWriteAndCommit(
  db: Kysely<DB>,
  sqlText: SqlText,
  batches: readonly PgBatch[],
  statement = pgBatchParameters(batches),
): Promise<number[]> {
  const text = inlineParameters(
    sqlText(statement.tables, true, statement.encodings),
    statement.parameters,
  );
  let base: number | null | undefined;
  try {
    base = await baseOf(db, CompiledQuery.raw(`savepoint group_write;\n${text};\ncommit`, []));
  } catch (error) {
    try {
      await db.executeQuery(CompiledQuery.raw('rollback to savepoint group_write'));
    } catch {
      throw error; // the transaction is gone (e.g. the COMMIT failed): nothing was written
    }
    throw new GroupWriteUndone(error);
  }
  if (base === undefined || base === null) throw new Error('version_counter has no row');
  return statement.offsets.map((offset) => Number(base) + offset + 1);
}

/** The tables' column types (format_type: what an array cast needs), read from the catalog. */
export async function pgColumnTypes(
  db: Kysely<DB>,
  tables: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const { rows } = await db.executeQuery<{ table: string; column: string; type: string }>(
    CompiledQuery.raw(
      `select c.relname as "table", a.attname as "column",
         format_type(a.atttypid, a.atttypmod) as "type"
       from pg_attribute a join pg_class c on c.oid = a.attrelid
       where c.oid = any (array[${tables.map((_, i) => `to_regclass($${i + 1})`).join(', ')}])
         and a.attnum > 0 and not a.attisdropped`,
      [...tables],
    ),
  );
  const types = new Map<string, Map<string, string>>();
  for (const row of rows) {
    let table = types.get(row.table);
    if (!table) types.set(row.table, (table = new Map()));
    table.set(row.column, row.type);
  }
  return types;
}

/** PostgreSQL: the tables a batch writes, in statement order, with their columns. */
export function pgTableWrites(writes: BatchWrites): PgTableWrite[] {
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
export const PG_WRITTEN_TABLES = [
  'changes',
  'activities',
  'activity_totals',
  'mutations',
  'activity_photos',
];
