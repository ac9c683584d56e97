import type { Kysely } from 'kysely';
import {
  INITIAL_PROVINCE_SETTINGS,
  PROVINCE_SETTINGS_ID,
  provinceSettingsSchema,
  type ProvinceSettings,
} from '../../../shared/reports/province-settings';
import type { DB } from '../../db/schema';
import { appendReferenceChange } from '../sync/reference-change.repository';

/** The province's settings: one JSON document, versioned in the change feed (`settings`). */
export class SettingsRepository {
  // A migration hands in its own transaction (Kysely<any>): the seed ships in one.
  constructor(private readonly db: Kysely<DB> | Kysely<any>) {}

  async read(): Promise<ProvinceSettings> {
    const row = await (this.db as Kysely<DB>)
      .selectFrom('province_settings')
      .select('data')
      .where('id', '=', PROVINCE_SETTINGS_ID)
      .executeTakeFirst();
    if (!row) return INITIAL_PROVINCE_SETTINGS;
    const parsed = provinceSettingsSchema.safeParse(JSON.parse(row.data));
    return parsed.success ? parsed.data : INITIAL_PROVINCE_SETTINGS;
  }

  async save(settings: ProvinceSettings, updatedBy: string, now: string): Promise<number> {
    const db = this.db as Kysely<DB>;
    const write = async (trx: Kysely<DB>) => {
      const data = JSON.stringify(settings);
      const rev = await appendReferenceChange(trx, {
        collection: 'settings',
        id: PROVINCE_SETTINGS_ID,
        data,
        updatedBy,
        now,
      });
      await trx
        .insertInto('province_settings')
        .values({ id: PROVINCE_SETTINGS_ID, data, rev })
        .onConflict((oc) => oc.column('id').doUpdateSet({ data, rev }))
        .execute();
      return rev;
    };
    return db.isTransaction ? write(db) : db.transaction().execute(write);
  }
}
