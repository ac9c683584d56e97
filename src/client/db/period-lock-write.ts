import type { AppDb } from './app-db';
import type { StoredPeriodLock } from './app-db-schema';
import type { ProvinceSettings } from '../../shared/reports/province-settings';

// Reference data from the server: submitted period reports (locks) and the province's settings
// change only by sync (pull), inside the pull page's rw transaction (`periodLocks`, `meta`).

/** The `meta` key of the province's settings as last pulled. */
export const PROVINCE_SETTINGS_KEY = 'provinceSettings';

export async function putPeriodLock(db: AppDb, lock: StoredPeriodLock): Promise<void> {
  await db.periodLocks.put(lock);
}

export async function deletePeriodLock(db: AppDb, id: string): Promise<void> {
  await db.periodLocks.delete(id);
}

export async function putProvinceSettings(db: AppDb, settings: ProvinceSettings): Promise<void> {
  await db.meta.put({ key: PROVINCE_SETTINGS_KEY, value: settings });
}
