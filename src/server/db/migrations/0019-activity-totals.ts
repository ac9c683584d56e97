import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';
import { STORED_MEASURES } from '../../../shared/reports/report-measures';

// Report sums per month and per day (ActivityTotalsTable; src/server/modules/reports/
// report-totals.ts): a report of six months at 1,000,000 activities reads the months' rows,
// not every activity. Filled here from the live activities already stored; the push keeps it.
export const activityTotals = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    let table = db.schema
      .createTable('activity_totals')
      .addColumn('grain', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('geography_id', 'text', (c) => c.notNull())
      .addColumn('commune_code', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('activities', 'bigint', (c) => c.notNull().defaultTo(0));
    for (const m of STORED_MEASURES) {
      table = table.addColumn(m, 'bigint', (c) => c.notNull().defaultTo(0));
    }
    // The key leads with the range a report reads (grain, bucket); on SQLite the rows are stored
    // in that order (WITHOUT ROWID), so a report's months are one contiguous read.
    table = table.addPrimaryKeyConstraint('activity_totals_pk', [
      'grain',
      'bucket',
      'geography_id',
      'commune_code',
      'form',
      'status',
    ]);
    if (kind === 'sqlite') table = table.modifyEnd(sql`without rowid`);
    await table.execute();

    await fillActivityTotals(db);
    if (kind === 'postgres') await sql`analyze activity_totals`.execute(db);
  },

  async down(db: Kysely<any>) {
    await db.schema.dropTable('activity_totals').execute();
  },
});

/** Sums the live activities into `activity_totals` (empty before): months and days. */
export async function fillActivityTotals(db: Kysely<any>): Promise<void> {
  const measures = STORED_MEASURES.join(', ');
  const sums = STORED_MEASURES.map((m) => `sum(${m})`).join(', ');
  for (const [grain, bucket] of [
    ['month', 'substr(activity_date, 1, 7)'],
    ['day', 'activity_date'],
  ]) {
    await sql
      .raw(
        `insert into activity_totals
           (grain, bucket, geography_id, commune_code, form, status, activities, ${measures})
         select '${grain}', ${bucket}, geography_id, commune_code, form, status, count(*), ${sums}
         from activities
         where deleted = 0 and activity_date <> ''
         group by ${bucket}, geography_id, commune_code, form, status`,
      )
      .execute(db);
  }
}
