import type { Kysely, Migration } from 'kysely';
import { defaultGeographies } from '../../../shared/geography/default-geographies';
import { GeographyRepository } from '../../modules/geography/geography.repository';

// Versioned geographies (docs/geography.md). Every unit code stored before this migration is a
// code of Kiên Giang's 2024 tree, the only one the app knew: records, their history and the
// accounts of communes and districts say so from now on. Province-level accounts (unit 91 with
// a role that reads everything) continue in the new province, which kept code 91.
const LEGACY = 'kien-giang-2024';
const CURRENT_PROVINCE = 'an-giang-2025';

export const geographies: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('geographies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('activities')
      .addColumn('geography_id', 'text', (c) => c.notNull().defaultTo(LEGACY))
      .execute();
    await db.schema.alterTable('changes').addColumn('geography_id', 'text').execute();
    await db.schema.alterTable('changes').addColumn('prev_geography_id', 'text').execute();
    await db
      .updateTable('changes')
      .set({ geography_id: LEGACY })
      .where('collection', '=', 'activities')
      .where('commune_code', 'is not', null)
      .execute();
    await db
      .updateTable('changes')
      .set({ prev_geography_id: LEGACY })
      .where('prev_commune_code', 'is not', null)
      .execute();

    await db.schema
      .alterTable('users')
      .addColumn('geography_id', 'text', (c) => c.notNull().defaultTo(LEGACY))
      .execute();
    await db
      .updateTable('users')
      .set({ geography_id: CURRENT_PROVINCE })
      .where('role', 'in', ['province', 'agency', 'admin'])
      .where('unit_code', '=', '91')
      .execute();

    const repository = new GeographyRepository(db);
    const now = new Date().toISOString();
    for (const geography of defaultGeographies()) {
      await repository.save(geography, 'Hệ thống', now);
    }
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'geographies').execute();
    await db.schema.dropTable('geographies').execute();
    await db.schema.alterTable('users').dropColumn('geography_id').execute();
    await db.schema.alterTable('changes').dropColumn('prev_geography_id').execute();
    await db.schema.alterTable('changes').dropColumn('geography_id').execute();
    await db.schema.alterTable('activities').dropColumn('geography_id').execute();
  },
};
