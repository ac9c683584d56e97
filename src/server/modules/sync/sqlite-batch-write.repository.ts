import type { Kysely } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import {
  TOTALS_COLUMNS,
  TOTALS_KEY_COLUMNS,
  TOTALS_VALUE_COLUMNS,
  type TotalsRow,
} from '../reports/report-totals';
import {
  ACTIVITY_COLUMNS,
  CHANGE_COLUMNS,
  MUTATION_COLUMNS,
  uniquePhotoRefs,
  type ActivityRow,
  type BatchVersions,
  type BatchWrites,
  type MutationRow,
  type NewChange,
  type PhotoRef,
} from './push-rows';
import type { SqlTemplates } from './push-sql-templates.repository';

// SQLite's end of a push (push-transaction.repository.ts), in the transaction that holds the
// write lock since its first statement: the versions taken from the counter, then one reused
// multi-row statement per table. (Plain SQL: takeVersions and insertChanges run on PostgreSQL
// too, where tests write a push step by step; PostgreSQL's pushes write through
// pg-batch-write.repository.ts.)

// Rows per statement of the totals upsert: 250 × 48 parameters stays under SQLite's 32,766.
const TOTALS_PER_STATEMENT = 250;

/**
 * SQL of the totals upsert for `count` rows. Written by hand, not compiled by Kysely: its row
 * count differs from batch to batch, and compiling thousands of placeholders would cost more than
 * the statement (and churn the push's template cache).
 */
function totalsUpsertSql(count: number): string {
  const row = `(${TOTALS_COLUMNS.map(() => '?').join(', ')})`;
  const rows = Array.from({ length: count }, () => row);
  const sums = TOTALS_VALUE_COLUMNS.map((c) => `${c} = activity_totals.${c} + excluded.${c}`);
  return `insert into activity_totals (${TOTALS_COLUMNS.join(', ')}) values ${rows.join(', ')}
    on conflict (${TOTALS_KEY_COLUMNS.join(', ')}) do update set ${sums.join(', ')}`;
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

export class SqliteBatchWrite {
  constructor(
    private readonly trx: Kysely<DB>,
    private readonly templates: SqlTemplates,
  ) {}

  /**
   * Takes the batch's versions from the counter and writes its rows — history, current state,
   * report totals, mutation ids, photo references — at the versions taken; returns the first
   * version taken (start + 1 if none).
   */
  async write(writes: BatchWrites, versions: BatchVersions): Promise<number> {
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

  /**
   * Hands out `count` versions; returns the first. The transaction holds the write lock (on
   * PostgreSQL, where only tests call this, the UPDATE holds the counter's row lock) until
   * commit, so versions are taken in commit order and no reader can pass a version that commits
   * later. Taken last — after all reads, checks and merges.
   */
  async takeVersions(count: number): Promise<number> {
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

  /** Current state, one row per record (callers pass each record once). */
  async saveActivities(rows: ActivityRow[]): Promise<void> {
    if (rows.length === 0) return;
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
    for (let i = 0; i < rows.length; i += TOTALS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + TOTALS_PER_STATEMENT);
      await this.trx.executeQuery(
        CompiledQuery.raw(totalsUpsertSql(chunk.length), rowParameters(chunk, TOTALS_COLUMNS)),
      );
    }
  }

  insertChanges(rows: NewChange[]): Promise<void> {
    return this.insertRows('changes', CHANGE_COLUMNS, rows);
  }

  /** Remembers which activities referenced which photos (read rights of the photo). */
  async insertPhotoRefs(rows: PhotoRef[]): Promise<void> {
    if (rows.length === 0) return;
    await this.trx
      .insertInto('activity_photos')
      .values(uniquePhotoRefs(rows))
      .onConflict((oc) => oc.columns(['sha256', 'activity_id']).doNothing())
      .execute();
  }

  insertMutations(rows: MutationRow[]): Promise<void> {
    return this.insertRows('mutations', MUTATION_COLUMNS, rows);
  }

  /** One multi-row INSERT of `rows` into `table`, its SQL kept by row count (SqlTemplates). */
  private async insertRows<T extends 'changes' | 'mutations', R>(
    table: T,
    columns: readonly (keyof R & string)[],
    rows: readonly R[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const parameters = rowParameters(rows, columns);
    const query = this.templates.query(`insert:${table}:${rows.length}`, parameters, () =>
      this.trx.insertInto(table).values(placeholderRows(columns, rows.length) as never),
    );
    await this.trx.executeQuery(query);
  }
}
