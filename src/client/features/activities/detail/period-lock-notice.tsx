import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../../../../shared/format/vi-format';
import type { ReportSubmission } from '../../../../shared/reports/report-submission';

/** Why a record cannot change: its unit submitted the period's report (until it reopens it). */
export function PeriodLockNotice({ lock }: { lock: ReportSubmission }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warn" role="status" data-testid="period-lock">
      <strong>{t('periodLock.title')}</strong>
      <p>
        {t('periodLock.reason', {
          from: formatIsoDate(lock.from),
          to: formatIsoDate(lock.to),
          unit: lock.unitName,
          submittedOn: formatIsoDate(todayInVietnam(Date.parse(lock.submittedAt))),
          by: lock.submittedBy,
        })}
      </p>
    </div>
  );
}
