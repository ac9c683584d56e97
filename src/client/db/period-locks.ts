import {
  provinceSettingsSchema,
  INITIAL_PROVINCE_SETTINGS,
  type ProvinceSettings,
} from '../../shared/reports/province-settings';
import { lockOf, type LockedPlace } from '../../shared/reports/report-submission';
import type { AppDb } from './app-db';
import type { StoredPeriodLock } from './app-db-schema';
import { PROVINCE_SETTINGS_KEY } from './period-lock-write';

/**
 * The submitted report that freezes a record with this place and date, as last pulled: the
 * phone says so before the officer edits (the server refuses the change anyway).
 */
export async function periodLockOf(
  db: AppDb,
  place: LockedPlace,
): Promise<StoredPeriodLock | undefined> {
  return lockOf(await db.periodLocks.toArray(), place) as StoredPeriodLock | undefined;
}

/** The province's settings as last pulled; the shipped defaults before the first pull. */
export async function provinceSettings(db: AppDb): Promise<ProvinceSettings> {
  const row = await db.meta.get(PROVINCE_SETTINGS_KEY);
  const parsed = provinceSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : INITIAL_PROVINCE_SETTINGS;
}
