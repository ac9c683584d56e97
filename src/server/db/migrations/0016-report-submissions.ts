import type { Kysely, Migration } from 'kysely';

// Submitted period reports (docs/reports.md, "Submission and period lock"): the current state of
// each unit's submission (the lock phones pull, collection `period_locks`), and every submit and
// reopen with who, when, why and — for a submit — the frozen figures and records.
export const reportSubmissions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('report_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('geography_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('date_from', 'text', (c) => c.notNull())
      .addColumn('date_to', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('report_submissions_period')
      .on('report_submissions')
      .columns(['period', 'year', 'geography_id'])
      .execute();
    await db.schema
      .createTable('report_submission_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('submission_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      /** For a submit: the summary report JSON and the records (id, rev) it counted. */
      .addColumn('snapshot', 'text')
      .execute();
    await db.schema
      .createIndex('report_submission_events_submission')
      .on('report_submission_events')
      .columns(['submission_id', 'at'])
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'period_locks').execute();
    await db.schema.dropTable('report_submission_events').execute();
    await db.schema.dropTable('report_submissions').execute();
  },
};
