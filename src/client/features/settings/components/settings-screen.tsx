import { useTranslation } from 'react-i18next';
import { version } from '../../../../../package.json';
import { formatNumber, type AppLocale } from '../../../../shared/format/vi-format';
import { SegmentedField } from '../../../components/form/segmented-field';
import { changeLanguage } from '../../../lib/i18n';
import { hrefFor } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { useSession } from '../../auth/session-context';
import { AccountPanel } from '../../auth/components/account-panel';
import { AccountDetails } from './account-details';
import { InstallHint } from '../../pwa/components/install-hint';
import { useStorageInfo } from '../hooks/use-storage-info';

function formatBytes(bytes: number, locale: AppLocale): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(Math.round(value * 10) / 10, locale)} ${units[unit]}`;
}

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { user } = useSession();
  const { estimate, persist, request } = useStorageInfo();

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
          value={locale}
          onChange={(lng) => void changeLanguage(i18n, lng)}
          options={[
            { value: 'vi', label: t('settings.vietnamese'), lang: 'vi' },
            { value: 'en', label: t('settings.english'), lang: 'en' },
          ]}
        />
      </section>

      {/* Storage and its safety (usage, warnings, Sao lưu / Khôi phục): p12b's cards go here. */}
      <section className="card" aria-labelledby="settings-storage">
        <h2 id="settings-storage">{t('settings.storage')}</h2>
        <p data-testid="storage-usage">
          {estimate && estimate.usageBytes !== null && estimate.availableBytes !== null
            ? t('settings.storageUsed', {
                used: formatBytes(estimate.usageBytes, locale),
                available: formatBytes(estimate.availableBytes, locale),
              })
            : t('settings.storageUnknown')}
        </p>
        <h3>{t('settings.persistent')}</h3>
        <p data-testid="persist-state">
          {persist === 'granted'
            ? t('settings.persistentGranted')
            : persist === 'unsupported'
              ? t('settings.persistentUnsupported')
              : persist === 'denied'
                ? t('settings.persistentDenied')
                : t('app.loading')}
        </p>
        {persist === 'denied' && (
          <button type="button" className="btn" onClick={() => void request()}>
            {t('settings.requestPersistent')}
          </button>
        )}
      </section>

      <InstallHint />

      <p className="hint">
        {t('settings.version')}: <span data-testid="app-version">{version}</span>
      </p>
    </div>
  );
}
