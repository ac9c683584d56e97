import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { viApp } from '../../shared/i18n/vi-app';

/**
 * Adds the signed-in app's Vietnamese texts to the catalogue (they are not in the first load:
 * shared/i18n/vi-start.ts). Synchronous and idempotent, so the screens below render with them.
 */
export function addAppTexts(i18n: I18n): void {
  if (i18n.exists('nav.home', { lng: 'vi', fallbackLng: false })) return;
  i18n.addResourceBundle('vi', 'translation', viApp, true, false);
}

export function useAppTexts(): void {
  addAppTexts(useTranslation().i18n);
}
