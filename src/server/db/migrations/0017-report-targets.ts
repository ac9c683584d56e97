import type { Kysely, Migration } from 'kysely';

// Yearly targets (chỉ tiêu) per unit of a geography and indicator (docs/reports.md, "Targets"),
// with who set each one and when. Codes are reused between geographies, so the geography is part
// of the key.
export const reportTargets: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('report_targets')
      .addColumn('geography_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('indicator', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_targets_pk', [
        'geography_id',
        'unit_code',
        'year',
        'indicator',
      ])
      .execute();
    // A report reads the targets of one year in one geography.
    await db.schema
      .createIndex('report_targets_year')
      .on('report_targets')
      .columns(['geography_id', 'year'])
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropTable('report_targets').execute();
  },
};
