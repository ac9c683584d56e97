import { useTranslation } from 'react-i18next';
import {
  formatIsoDateTime,
  formatNumber,
  type AppLocale,
} from '../../../../shared/format/vi-format';
import { useLocale } from '../../../lib/use-locale';
import { useBackupCatalogue } from '../hooks/use-backup-catalogue';
import { useStorageInfo } from '../hooks/use-storage-info';
import { iosTabAtRisk, storageNearlyFull, usedPercent } from '../hooks/use-storage-warnings';
import { useStaleUnsyncedSince } from '../../sync/hooks/use-sync-notices';

/** 120 MB, 2,1 GB (decimal units, as phones show them; vi-VN decimal comma). */
export function formatBytes(bytes: number, locale: AppLocale): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = value >= 100 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${formatNumber(rounded, locale)} ${units[unit]}`;
}

/** Cài đặt: how much the app stores, whether the browser may evict it, and what is at risk. */
export function StorageCard() {
  useBackupCatalogue();
  const { t } = useTranslation();
  const locale = useLocale();
  const { estimate, persist, request } = useStorageInfo();
  const staleSince = useStaleUnsyncedSince();
  const percent = usedPercent(estimate);

  return (
    <section className="card" aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('backup.storage.title')}</h2>
      <p data-testid="storage-usage">
        {estimate && estimate.usageBytes !== null && estimate.quotaBytes !== null
          ? t('backup.storage.used', {
              used: formatBytes(estimate.usageBytes, locale),
              quota: formatBytes(estimate.quotaBytes, locale),
              percent: formatNumber(percent ?? 0, locale),
            })
          : estimate
            ? t('backup.storage.unknown')
            : t('backup.storage.checking')}
      </p>
      {storageNearlyFull(estimate) && (
        <p className="notice notice--warn" role="alert" data-testid="storage-nearly-full">
          {t('backup.storage.nearlyFull', { percent: formatNumber(percent ?? 0, locale) })}
        </p>
      )}
      {staleSince && (
        <p className="notice notice--warn" role="alert" data-testid="stale-unsynced">
          {t('backup.storage.staleUnsynced', { date: formatIsoDateTime(staleSince) })}
        </p>
      )}
      {iosTabAtRisk() && (
        <p className="notice notice--warn" data-testid="ios-install-warning">
          {t('backup.storage.iosInstall')}
        </p>
      )}
      <h3>{t('backup.storage.persistent')}</h3>
      <p data-testid="persist-state">
        {persist === 'granted'
          ? t('backup.storage.persistentGranted')
          : persist === 'unsupported'
            ? t('backup.storage.persistentUnsupported')
            : persist === 'denied'
              ? t('backup.storage.persistentDenied')
              : t('backup.storage.checking')}
      </p>
      {persist === 'denied' && (
        <button
          type="button"
          className="btn"
          style={{ minHeight: 48 }}
          onClick={() => void request()}
        >
          {t('backup.storage.requestPersistent')}
        </button>
      )}
    </section>
  );
}
