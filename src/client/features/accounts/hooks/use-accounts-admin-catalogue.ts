import { useTranslation } from 'react-i18next';
import { accountsAdminEn } from '../../../../shared/i18n/accounts-admin.en';
import { accountsAdminVi } from '../../../../shared/i18n/accounts-admin.vi';

/**
 * Merges the administration texts into `accounts` of each loaded language (they ship in the
 * accounts screens' lazy chunk, not in the first load). English is merged only once its own
 * bundle is there, so the app's lazy load of en.ts still happens when the language changes.
 */
export function useAccountsAdminCatalogue(): void {
  const { i18n } = useTranslation();
  for (const [lng, texts] of [
    ['vi', accountsAdminVi],
    ['en', accountsAdminEn],
  ] as const) {
    if (!i18n.hasResourceBundle(lng, 'translation')) continue;
    const bundle = i18n.getResourceBundle(lng, 'translation') as {
      accounts?: { create?: unknown };
    };
    if (bundle.accounts?.create === undefined) {
      i18n.addResourceBundle(lng, 'translation', { accounts: texts }, true, false);
    }
  }
}
