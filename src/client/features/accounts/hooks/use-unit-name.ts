import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { useAppDb } from '../../../db/app-db-context';
import { loadGeographyCatalog } from '../../admin-units/store/admin-unit-store';

/**
 * An account's unit as an administrator reads it: "Phường Rạch Giá (30742)", and for a unit of an
 * earlier map "Phường Vĩnh Bảo (30742, kien-giang-2024)" — codes are reused, so a bare "30742"
 * (or a move "30742 → 30742") says nothing. The code alone when the map is not known (an old
 * audit entry without it, or geographies not loaded yet).
 */
export function useUnitName(): (code: string, geographyId?: unknown) => string {
  const { t } = useTranslation();
  const db = useAppDb();
  const catalog = useLiveQuery(() => loadGeographyCatalog(db), [db]);
  return (code, geographyId) => {
    if (!catalog || typeof geographyId !== 'string' || !catalog.has(geographyId)) return code;
    const unit = catalog.unit({ geographyId, code });
    if (!unit) return `${code} (${geographyId})`;
    return geographyId === catalog.inForceOn(todayInVietnam()).id
      ? t('accounts.unitName', { name: unit.name, code })
      : t('accounts.unitNameOfMap', { name: unit.name, code, geography: geographyId });
  };
}
