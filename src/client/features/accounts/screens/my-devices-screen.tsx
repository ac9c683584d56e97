import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../../lib/router';
import { DeviceList } from '../components/device-list';
import { useErrorText } from '../../../lib/http/use-error-text';
import { listOwnDevices, revokeOwnDevice } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useRemote } from '../../../lib/use-remote';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';

/** Thiết bị: the officer's own logged-in devices; a lost phone is revoked here. */
export function MyDevicesScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const devices = useRemote(() => listOwnDevices(api), [api]);
  return (
    <div className="stack">
      <a href={hrefFor({ name: 'settings' })} className="btn btn--ghost">
        {t('accounts.backToSettings')}
      </a>
      <h1>{t('accounts.devices.title')}</h1>
      <p className="hint">{t('accounts.devices.intro')}</p>
      {devices.error !== null && (
        <p role="alert" className="notice notice--error">
          {errorText(devices.error)}{' '}
          <button type="button" className="btn btn--small" onClick={devices.reload}>
            {t('accounts.retry')}
          </button>
        </p>
      )}
      {devices.loading && !devices.data && <p className="notice">{t('app.loading')}</p>}
      {devices.data && (
        <DeviceList
          devices={devices.data}
          onRevoke={async (device) => {
            await revokeOwnDevice(api, device.id);
            devices.reload();
          }}
        />
      )}
    </div>
  );
}
