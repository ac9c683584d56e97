import { useTranslation } from 'react-i18next';
import { reportsEn } from '../../../../shared/i18n/reports.en';
import { reportsVi } from '../../../../shared/i18n/reports.vi';
import { reportLabelsEn } from '../../../../shared/i18n/report-labels.en';
import { reportLabelsVi } from '../../../../shared/i18n/report-labels.vi';

/**
 * Merges the report screens' texts into the catalogue of the language in use (they ship in this
 * lazy chunk, not in the first load). English is merged only once its own bundle is there, so
 * the app's lazy load of en.ts still happens when the language changes.
 */
export function useReportsCatalogue(): void {
  const { i18n } = useTranslation();
  for (const [lng, texts, labels] of [
    ['vi', reportsVi, reportLabelsVi],
    ['en', reportsEn, reportLabelsEn],
  ] as const) {
    if (!i18n.hasResourceBundle(lng, 'translation')) continue;
    const bundle = i18n.getResourceBundle(lng, 'translation') as { reports?: { title?: string } };
    if (bundle.reports?.title === undefined) {
      i18n.addResourceBundle(lng, 'translation', { reports: texts, report: labels }, true, false);
    }
  }
}
