import type { Kysely, Migration } from 'kysely';
import { defaultAgencies } from '../../../shared/agencies/default-agencies';
import { AgencyRepository } from '../../modules/agencies/agency.repository';

// Organising agencies as data with validity dates (docs/geography.md, "Agencies"), seeded with
// the departments of plan 106/KH-UBND and what they became in 2025; phones get them by pull.
export const agencies: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('agencies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .execute();
    const repository = new AgencyRepository(db);
    const now = new Date().toISOString();
    for (const agency of defaultAgencies()) await repository.save(agency, 'Hệ thống', now);
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'agencies').execute();
    await db.schema.dropTable('agencies').execute();
  },
};
