import type { Kysely, Migration } from 'kysely';
import { activitySchema } from '../../../shared/activity/activity-record.schema';
import { recordSearchText } from '../../../shared/records/record-search-text';

// The records browser's text filter: the folded words of each record (recordSearchText), kept
// in the push transaction like the report columns, matched with LIKE on both databases.
export const activitySearchText: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('activities')
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
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
        .set({ search_text: recordSearchText(parsed.data) })
        .where('id', '=', row.id)
        .execute();
    }
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('activities').dropColumn('search_text').execute();
  },
};
