import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../shared/format/vi-format';
import type { SummaryReport } from '../../../../shared/reports/summary-report';
import { useLocale } from '../../../lib/use-locale';

/**
 * Figures within the unit that fit no single child row (a 2025 commune seen in the 2024
 * districts it straddles): listed so the total row still adds up to what is shown.
 */
export function UnplacedNote({ report }: { report: SummaryReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (report.unplaced.length === 0) return null;
  return (
    <section className="notice">
      <p>{t('reports.unplaced')}</p>
      <ul>
        {report.unplaced.map((u) => (
          <li key={`${u.geographyId}-${u.code}`}>
            {t('reports.unplacedRow', {
              name: u.name,
              count: u.total.activities,
              n: formatNumber(u.total.activities, locale),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
