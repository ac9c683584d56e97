import type { Kysely } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';

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
 * With `takesVersions`, the statement also takes the versions from the counter ($1 of them;
 * $2 is the counter as the batch read it, which it numbered its new versions after): the
 * `version_counter` UPDATE runs first (the outer SELECT reads it before the other CTEs run) and
 * every version column above $2 moves up by what other pushes took meanwhile. It returns the
 * last version before the batch's (`base`). The counter row is locked from here to COMMIT —
 * sent in the same round trip (pgBatchWriteAndCommit), so no turn of Node's event loop falls
 * inside the lock: pushes take turns on that one row, and each turn is now only PostgreSQL's
 * own time for the writes and the commit.
 */
export function pgBatchWriteSql(
  writes: readonly Omit<PgTableWrite, 'rows'>[],
  types: PgColumnTypes,
  takesVersions: boolean,
): string {
  let next = 3;
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
      return `$${next++}::${type}[]`;
    });
    const shifted = takesVersions ? (write.versions ?? []) : [];
    const select = write.columns.map((c) =>
      shifted.includes(c)
        ? `case when u.${quote(c)} > $2::bigint then u.${quote(c)} + (c.base - $2::bigint) else u.${quote(c)} end`
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

/** Characters JSON.stringify writes as escapes PostgreSQL's array syntax would misread. */
const NOT_JSON_SAFE = /[\u0000-\u001f\ud800-\udfff]/;

/**
 * A PostgreSQL array literal of `values` (strings, numbers, null). A quoted element escapes `"`
 * and `\` with a backslash — as JSON does, so V8's native JSON.stringify writes most strings
 * (node-postgres escapes each element with two regex replaces: ~25 µs a record for a batch's
 * history JSON); a string with control characters or surrogates takes the plain route.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') out += String(value);
    else {
      const text = String(value);
      out += NOT_JSON_SAFE.test(text)
        ? `"${text.replace(/[\\"]/g, '\\$&')}"`
        : JSON.stringify(text);
    }
  }
  return `${out}}`;
}

/** Column-major parameters of `rows` for `columns`: one array literal per column. */
export function columnParameters(rows: readonly object[], columns: readonly string[]): string[] {
  return columns.map((column) =>
    pgArrayLiteral(rows.map((row) => (row as Record<string, unknown>)[column])),
  );
}

/**
 * `text` as a dollar-quoted SQL string: read as it is, whatever it holds (quotes, backslashes),
 * whatever `standard_conforming_strings` says. The tag is one the text does not contain.
 */
export function dollarQuoted(text: string): string {
  let tag = '$q$';
  // The closing tag must be the first place the tag occurs after the opening one: neither in the
  // text nor straddling its end (a text ending in "$q" would close "$q$" one character early).
  for (let n = 0; `${text}${tag}`.indexOf(tag) !== text.length; n++) tag = `$q${n}$`;
  return `${tag}${text}${tag}`;
}

/**
 * `text` with its `$n` placeholders replaced by the parameters as SQL literals (numbers as
 * they are, strings dollar-quoted): several statements in one query are only allowed without
 * bound parameters (PostgreSQL's simple query protocol).
 */
export function inlineParameters(text: string, parameters: readonly (string | number)[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    if (value === undefined) throw new Error(`no parameter $${n}`);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`parameter $${n}: not an integer`);
      return String(value);
    }
    return dollarQuoted(value);
  });
}

/**
 * Batches whose parameters are at most this many characters (a phone's push of ~20 records) go
 * with their COMMIT as one query text; larger ones are sent with bound parameters (see below).
 */
export const INLINE_MAX_CHARS = 64 * 1024;

/**
 * Writes `writes` (and takes `count` versions after `start`, if any) and commits, in one round
 * trip: the statement and COMMIT as one query text. If the statement fails, PostgreSQL skips the
 * COMMIT and the caller rolls back. Returns the first version taken (start + 1 if none).
 */
export async function pgBatchWriteAndCommit(
  db: Kysely<DB>,
  sqlText: (tables: readonly Omit<PgTableWrite, 'rows'>[], takesVersions: boolean) => string,
  writes: readonly PgTableWrite[],
  versions: { start: number; count: number },
): Promise<number> {
  const present = writes.filter((w) => w.rows.length > 0);
  const takesVersions = versions.count > 0;
  const parameters: (string | number)[] = [versions.count, versions.start];
  for (const write of present) parameters.push(...columnParameters(write.rows, write.columns));
  const text = sqlText(present, takesVersions);
  let size = 0;
  for (const p of parameters) size += typeof p === 'string' ? p.length : 8;
  let rows: { base: number | null }[];
  if (size <= INLINE_MAX_CHARS) {
    ({ rows } = await db.executeQuery<{ base: number | null }>(
      CompiledQuery.raw(`${inlineParameters(text, parameters)};\ncommit`, []),
    ));
  } else {
    // A large batch (a phone's backlog): writing its arrays into the text costs more (~15 ms
    // per 200 records) than the one turn of Node's event loop the separate COMMIT holds the
    // counter across — and large batches are rare, so they seldom make others wait.
    ({ rows } = await db.executeQuery<{ base: number | null }>(
      CompiledQuery.raw(text, parameters),
    ));
    await db.executeQuery(CompiledQuery.raw('commit'));
  }
  const base = rows[0]?.base;
  if (!takesVersions) return versions.start + 1;
  if (base === undefined || base === null) throw new Error('version_counter has no row');
  return Number(base) + 1;
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
