import { useTranslation } from 'react-i18next';
import type { SummaryReport } from '../../../../shared/reports/summary-report';

/** Completeness: the child units, and the communes, with nothing in the period. */
export function CompletenessNote({ report }: { report: SummaryReport }) {
  const { t } = useTranslation();
  const { silentChildren, silentCommunes, communes } = report.completeness;
  if (silentCommunes.length === 0) {
    return <p className="notice">{t('reports.complete')}</p>;
  }
  return (
    <section className="report-completeness" aria-label={t('report.silentChildren')}>
      <p className="notice notice--warn">
        {t('report.silentCommunes', { count: silentCommunes.length, total: communes })}
      </p>
      {report.rows.length > 0 && silentChildren.length > 0 && (
        <details open={silentChildren.length <= 10}>
          <summary>
            {t('report.silentChildren')} ({silentChildren.length})
          </summary>
          <ul className="report-completeness__list">
            {silentChildren.map((u) => (
              <li key={u.code}>{u.name}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
