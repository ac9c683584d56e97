import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { communeLabel } from '../../../../shared/geography/commune-label';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { useAppDb } from '../../../db/app-db-context';
import { loadGeographyCatalog } from '../../admin-units/store/admin-unit-store';

/** Every geography the phone knows, live: a pull that brings a new one updates the screens. */
export function useGeographyCatalog(): GeographyCatalog | undefined {
  const db = useAppDb();
  return useLiveQuery(() => loadGeographyCatalog(db), [db]);
}

/**
 * How a record's commune reads: its name in the record's own geography (a 2024 record of 30742
 * stays "Phường Vĩnh Bảo"), and what it is today when that changed: "Phường Vĩnh Thanh (nay là
 * Phường Rạch Giá)".
 */
export function communeText(
  catalog: GeographyCatalog | undefined,
  activity: Pick<Activity, 'geographyId' | 'communeCode'>,
  t: TFunction,
  qualified = false,
): string {
  if (!catalog) return activity.communeCode;
  const ref = { geographyId: activity.geographyId, code: activity.communeCode };
  const label = communeLabel(catalog, ref, todayInVietnam());
  if (label.presentName)
    return t('geography.nowIs', { name: label.name, present: label.presentName });
  if (qualified && catalog.has(ref.geographyId))
    return catalog.tree(ref.geographyId).qualifiedName(ref.code);
  return label.name;
}
