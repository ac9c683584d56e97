import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { communeLabel } from '../../../../shared/geography/commune-label';
import type { RecordSummary } from '../../../../shared/records/records-api';
import { useReportCatalog } from './use-report-catalog';

/**
 * How the records browser names a record's commune: as the server named it in the record's own
 * geography, and what it is today when a reorganisation changed it — "Phường Vĩnh Quang (nay là
 * Phường Rạch Giá)", as the phone's list and detail read (docs/geography.md).
 */
export function useRecordCommune(): (
  r: Pick<RecordSummary, 'geographyId' | 'communeCode' | 'communeName'>,
) => string {
  const { t } = useTranslation();
  const catalog = useReportCatalog();
  const today = todayInVietnam();
  return (r) => {
    if (!catalog) return r.communeName;
    const label = communeLabel(catalog, { geographyId: r.geographyId, code: r.communeCode }, today);
    return label.presentName
      ? t('geography.nowIs', { name: r.communeName, present: label.presentName })
      : r.communeName;
  };
}
