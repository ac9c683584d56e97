import { useTranslation } from 'react-i18next';
import { backupEn } from '../../../../shared/i18n/backup.en';
import { backupVi } from '../../../../shared/i18n/backup.vi';

/**
 * Merges the storage and backup texts into the catalogue of the language in use (they ship with
 * these lazy pieces, not in the first load). English is merged only once its own bundle is there,
 * so the app's lazy load of en.ts still happens when the language changes.
 */
export function useBackupCatalogue(): void {
  const { i18n } = useTranslation();
  for (const [lng, texts] of [
    ['vi', backupVi],
    ['en', backupEn],
  ] as const) {
    if (!i18n.hasResourceBundle(lng, 'translation')) continue;
    const bundle = i18n.getResourceBundle(lng, 'translation') as { backup?: unknown };
    if (bundle.backup === undefined) {
      i18n.addResourceBundle(lng, 'translation', { backup: texts }, true, false);
    }
  }
}
