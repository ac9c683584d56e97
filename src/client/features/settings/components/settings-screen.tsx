import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { version } from '../../../../../package.json';
import { SegmentedField } from '../../../components/form/segmented-field';
import { changeLanguage } from '../../../lib/i18n';
import { hrefFor } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import type { AppLocale } from '../../../../shared/format/vi-format';
import { useSession } from '../../auth/session-context';
import { AccountPanel } from '../../auth/components/account-panel';
import { AccountDetails } from './account-details';
import { InstallHint } from '../../pwa/components/install-hint';
import { StorageCard } from '../../backup/components/storage-card';
import { BackupCard } from '../../backup/components/backup-card';
import { RestoreCard } from '../../backup/components/restore-card';

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const [choosing, setChoosing] = useState<AppLocale | null>(null);
  const { user } = useSession();

  return (
    <div className="stack">
      <h1>{t('settings.title')}</h1>

      <section className="card" aria-labelledby="settings-account">
        <h2 id="settings-account">{t('settings.account')}</h2>
        <AccountDetails />
        <AccountPanel />
        <div className="row">
          <a className="btn" href={hrefFor({ name: 'devices' })}>
            {t('accounts.devices.title')}
          </a>
          <a className="btn" href={hrefFor({ name: 'password' })}>
            {t('password.title')}
          </a>
          {user.role === 'admin' && (
            <a className="btn" href={hrefFor({ name: 'accounts' })}>
              {t('accounts.manage')}
            </a>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.language')}</h2>
        <SegmentedField
          label={t('settings.language')}
          labelHidden
          name="language"
          value={choosing ?? locale}
          onChange={(lng) => {
            // English loads on first use: the choice shows at once, not when its texts arrive.
            setChoosing(lng);
            void changeLanguage(i18n, lng).finally(() => setChoosing(null));
          }}
          options={[
            { value: 'vi', label: t('settings.vietnamese'), lang: 'vi' },
            { value: 'en', label: t('settings.english'), lang: 'en' },
          ]}
        />
      </section>

      {/* Storage, persistence and what is at risk; Sao lưu / Khôi phục (issue 12). */}
      <StorageCard />
      <BackupCard />
      <RestoreCard />

      <InstallHint />

      <p className="hint">
        {t('settings.version')}: <span data-testid="app-version">{version}</span>
      </p>
    </div>
  );
}
