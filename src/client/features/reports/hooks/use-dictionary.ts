import { useTranslation } from 'react-i18next';
import type { Dictionary } from '../../../../shared/i18n/vi';
import { vi } from '../../../../shared/i18n/vi';

/**
 * The catalogue of the current language as one object: the shared report tables (the same ones
 * the XLSX, CSV and print view are made of) take it whole.
 */
export function useDictionary(): Dictionary {
  const { i18n } = useTranslation();
  const bundle = i18n.getResourceBundle(i18n.language, 'translation') as Dictionary | undefined;
  return bundle ?? vi;
}
