import { useTranslation } from 'react-i18next';
import type { DiffContext } from '../../../../shared/activity/activity-diff-format';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { useLocale } from '../../../lib/use-locale';

/**
 * How a record's fields are put in words on its page (its content and its history alike): the
 * current language's labels and number/date formats, and unit codes as the catalogue's names.
 */
export function useDiffContext(catalog: GeographyCatalog | undefined): DiffContext {
  const { t } = useTranslation();
  const locale = useLocale();
  return {
    t: (key, values) => t(key, values),
    locale,
    unitName: (geographyId, code) => catalog?.unit({ geographyId, code })?.name,
  };
}
