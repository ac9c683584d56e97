import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';
import { activitySchema } from '../../../shared/activity/activity-record.schema';
import { STORED_MEASURES } from '../../../shared/reports/report-measures';
import { reportColumns } from '../../modules/reports/report-columns';

// Report columns on `activities` (see ReportColumns in ../schema.ts): the plan's figures are
// summed in SQL from these, never from the records' JSON. Integers are `bigint` because sums of
// money (VND) pass 2^31 in PostgreSQL; SQLite stores the same values as INTEGER.
export const activityReportColumns = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    // geography_id may already be there (the geographies migration adds it for records too).
    if (kind === 'postgres') {
      await sql`alter table activities add column if not exists geography_id text not null default ''`.execute(
        db,
      );
    } else {
      const columns = await sql<{ name: string }>`pragma table_info(activities)`.execute(db);
      if (!columns.rows.some((c) => c.name === 'geography_id')) {
        await db.schema
          .alterTable('activities')
          .addColumn('geography_id', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
      }
    }
    for (const column of ['form', 'status', 'activity_date']) {
      await db.schema
        .alterTable('activities')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    }
    for (const column of STORED_MEASURES) {
      await db.schema
        .alterTable('activities')
        .addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    // One index for the reports (a range of dates) and the records browser (newest first, keyset
    // on date and id): each index is one more B-tree write per pushed record.
    await db.schema
      .createIndex('activities_date_idx')
      .on('activities')
      .columns(['activity_date', 'id'])
      .execute();

    // Records pushed before this migration: fill their columns from their current version.
    const rows = await db
      .selectFrom('activities')
      .innerJoin('changes', 'changes.version', 'activities.rev')
      .select(['activities.id as id', 'changes.data as data'])
      .where('activities.deleted', '=', 0)
      .execute();
    for (const row of rows as { id: string; data: string | null }[]) {
      if (!row.data) continue;
      const parsed = activitySchema.safeParse(JSON.parse(row.data));
      if (!parsed.success) continue;
      await db
        .updateTable('activities')
        .set(reportColumns(parsed.data))
        .where('id', '=', row.id)
        .execute();
    }
  },

  async down(db: Kysely<any>) {
    await db.schema.dropIndex('activities_date_idx').execute();
    for (const column of ['form', 'status', 'activity_date', ...STORED_MEASURES]) {
      await db.schema.alterTable('activities').dropColumn(column).execute();
    }
  },
});
