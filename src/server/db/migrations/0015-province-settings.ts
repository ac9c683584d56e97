import type { Kysely, Migration } from 'kysely';
import { INITIAL_PROVINCE_SETTINGS } from '../../../shared/reports/province-settings';
import { SettingsRepository } from '../../modules/settings/settings.repository';

// The province's report settings as data (docs/reports.md, "Province settings"): the default
// period basis and the due dates per level, seeded from circular 10/2022/TT-BLĐTBXH; phones
// get them by pull (collection `settings`).
export const provinceSettings: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('province_settings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .execute();
    await new SettingsRepository(db).save(
      INITIAL_PROVINCE_SETTINGS,
      'Hệ thống',
      new Date().toISOString(),
    );
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'settings').execute();
    await db.schema.dropTable('province_settings').execute();
  },
};
