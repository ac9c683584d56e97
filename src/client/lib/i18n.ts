import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { viStart } from '../../shared/i18n/vi-start';
import type { AppLocale } from '../../shared/format/vi-format';

// Vietnamese texts of the first paint ship in the entry (the signed-in app's texts come with it:
// use-app-texts.ts); English is a lazy chunk (precached) so the first load stays small.
const STORAGE_KEY = 'outreach-log:language';

export function storedLanguage(): AppLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

async function ensureBundle(i18n: I18n, lng: AppLocale): Promise<void> {
  if (lng === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('../../shared/i18n/en');
    i18n.addResourceBundle('en', 'translation', en, true, true);
  }
}

export async function createI18n(lng: AppLocale = storedLanguage()): Promise<I18n> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: 'vi',
    fallbackLng: 'vi',
    resources: { vi: { translation: viStart } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  if (lng !== 'vi') await changeLanguage(i18n, lng, false);
  else document.documentElement.lang = 'vi';
  return i18n;
}

export async function changeLanguage(i18n: I18n, lng: AppLocale, persist = true): Promise<void> {
  await ensureBundle(i18n, lng);
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode without storage: the choice lasts for this visit only.
    }
  }
}

export function localeOf(i18n: I18n): AppLocale {
  return i18n.language === 'en' ? 'en' : 'vi';
}
