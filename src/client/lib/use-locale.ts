import { useTranslation } from 'react-i18next';
import type { AppLocale } from '../../shared/format/vi-format';

/** The current UI language as a formatting locale (vi-VN numbers unless English is chosen). */
export function useLocale(): AppLocale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}
