import { useLiveQuery } from 'dexie-react-hooks';
import type { ProvinceSettings } from '../../../../shared/reports/province-settings';
import { useAppDb } from '../../../db/app-db-context';
import { provinceSettings } from '../../../db/period-locks';

/** The province's report settings as last pulled (defaults before the first pull), live. */
export function useProvinceSettings(): ProvinceSettings | undefined {
  const db = useAppDb();
  return useLiveQuery(() => provinceSettings(db), [db]);
}
