import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDateTime, formatIsoDayOf } from '../../../../shared/format/vi-format';
import type { Device } from '../../../../shared/auth/auth-protocol';
import { useErrorText } from '../../../lib/http/use-error-text';

/** Devices that can still sync, each with "Thu hồi" (its token stops working at once). */
export function DeviceList(props: {
  devices: Device[];
  onRevoke: (device: Device) => Promise<void>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function revoke(device: Device) {
    if (!window.confirm(t('accounts.devices.confirm', { name: device.name }))) return;
    setBusy(device.id);
    setError(null);
    try {
      await props.onRevoke(device);
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(null);
    }
  }

  if (props.devices.length === 0) return <p className="hint">{t('accounts.devices.none')}</p>;
  return (
    <>
      <ul className="stack" aria-label={t('accounts.devices.title')}>
        {props.devices.map((device) => (
          <li key={device.id} className="card" data-testid="device">
            <p>
              <strong>{device.name}</strong>{' '}
              {device.current && (
                <span className="badge badge--ok">{t('accounts.devices.this')}</span>
              )}
            </p>
            <p className="hint">
              {t('accounts.devices.lastUsed', { time: formatIsoDateTime(device.lastUsedAt) })}
              {' · '}
              {t('accounts.devices.since', { date: formatIsoDayOf(device.createdAt) })}
            </p>
            {device.current ? (
              // Leaving this device goes through "Đăng xuất", which first checks for unsynced data.
              <p className="hint">{t('accounts.devices.currentHint')}</p>
            ) : (
              <button
                type="button"
                className="btn btn--danger btn--small"
                disabled={busy !== null}
                onClick={() => void revoke(device)}
                aria-label={t('accounts.devices.revokeNamed', { name: device.name })}
              >
                {t('accounts.devices.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </>
  );
}
