import { useTranslation } from 'react-i18next';
import type { Dictionary } from '../../../../shared/i18n/vi';
import { vi } from '../../../../shared/i18n/vi';
import { reportLabelsEn } from '../../../../shared/i18n/report-labels.en';
import { reportLabelsVi, type ReportDictionary } from '../../../../shared/i18n/report-labels.vi';

/**
 * The report labels of the current language as one object: the shared report tables (the same
 * ones the XLSX, CSV and print view are made of) take it whole.
 */
export function useDictionary(): ReportDictionary {
  const { i18n } = useTranslation();
  const bundle = i18n.getResourceBundle(i18n.language, 'translation') as Dictionary | undefined;
  return { ...(bundle ?? vi), report: i18n.language === 'en' ? reportLabelsEn : reportLabelsVi };
}
