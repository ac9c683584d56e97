import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDateTime, formatIsoDayOf } from '../../../../shared/format/vi-format';
import { hrefFor } from '../../../lib/router';
import { useSession } from '../../auth/session-context';
import { AccountEditForm } from '../components/account-edit-form';
import { AuditList } from '../components/audit-list';
import { DeviceList } from '../components/device-list';
import { OneTimePassword } from '../components/one-time-password';
import { useErrorText } from '../../../lib/http/use-error-text';
import {
  auditLog,
  listUserDevices,
  listUsers,
  resetPassword,
  revokeAllUserDevices,
  revokeUserDevice,
  updateUser,
} from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useRemote } from '../../../lib/use-remote';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';
import { useUnitName } from '../hooks/use-unit-name';

/** One account (admin): change it, lock it, reset its password, its devices, its history. */
export function AccountDetailScreen({ id }: { id: string }) {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  if (user.role !== 'admin') return <p className="notice">{t('accounts.adminOnly')}</p>;
  return <AccountDetail id={id} />;
}

function AccountDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const { user: me } = useSession();
  const errorText = useErrorText();
  const account = useRemote(
    async () => (await listUsers(api)).find((u) => u.id === id) ?? null,
    [api, id],
  );
  const devices = useRemote(() => listUserDevices(api, id), [api, id]);
  const history = useRemote(() => auditLog(api, { userId: id }), [api, id]);
  const unitName = useUnitName();
  const [password, setPassword] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** updatedAt of the version the edit form saved: its "Đã lưu." outlives the redraw. */
  const [savedVersion, setSavedVersion] = useState<string | null>(null);

  const refresh = () => {
    account.reload();
    devices.reload();
    history.reload();
  };

  // A button pressed is disabled while its action runs, and the browser drops focus from a
  // disabled button: it is given back once the action is over (unless something else, such as
  // the one-time password, has taken it).
  const [pressed, setPressed] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (busy || !pressed) return;
    if (pressed.isConnected && document.activeElement === document.body) pressed.focus();
    setPressed(null);
  }, [busy, pressed]);

  async function act(question: string, action: () => Promise<void>) {
    if (!window.confirm(question)) return;
    setPressed(document.activeElement instanceof HTMLElement ? document.activeElement : null);
    setFailure(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
      refresh();
    }
  }

  const back = (
    <a href={hrefFor({ name: 'accounts' })} className="btn btn--ghost">
      {t('accounts.back')}
    </a>
  );
  if (account.error !== null)
    return (
      <div className="stack">
        {back}
        <p role="alert" className="notice notice--error">
          {errorText(account.error)}
        </p>
      </div>
    );
  if (account.data === undefined) return <p className="notice">{t('app.loading')}</p>;
  if (account.data === null)
    return (
      <div className="stack">
        {back}
        <p className="notice">{t('accounts.notFound')}</p>
      </div>
    );
  const a = account.data;
  const self = a.id === me.id;

  return (
    <div className="stack">
      {back}
      <h1>
        {a.displayName} ({a.username})
      </h1>
      <p>
        {t(`accounts.roles.${a.role}`)} · {unitName(a.unitCode, a.geographyId)}{' '}
        {a.disabledAt !== null && (
          <span className="badge badge--warn">{t('accounts.disabled')}</span>
        )}
      </p>
      <p className="hint">{t('accounts.createdOn', { date: formatIsoDayOf(a.createdAt) })}</p>

      {password && (
        <OneTimePassword
          username={a.username}
          password={password}
          onDone={() => setPassword(null)}
        />
      )}
      {failure && (
        <p role="alert" className="notice notice--error">
          {failure}
        </p>
      )}

      <section className="card stack" aria-labelledby="account-access">
        <h2 id="account-access">{t('accounts.access.title')}</h2>
        {a.disabledAt !== null && (
          <p>{t('accounts.access.disabledSince', { time: formatIsoDateTime(a.disabledAt) })}</p>
        )}
        {/* One button that changes its words: the same element keeps the keyboard's focus. */}
        {(a.disabledAt !== null || !self) && (
          <button
            type="button"
            className={a.disabledAt !== null ? 'btn' : 'btn btn--danger'}
            disabled={busy}
            onClick={() => {
              const disabled = a.disabledAt === null;
              const question = disabled
                ? t('accounts.access.confirmDisable', { username: a.username })
                : t('accounts.access.confirmEnable', { username: a.username });
              void act(question, async () => {
                await updateUser(api, a.id, { disabled });
              });
            }}
          >
            {a.disabledAt !== null ? t('accounts.access.enable') : t('accounts.access.disable')}
          </button>
        )}
        {self ? (
          <a className="btn" href={hrefFor({ name: 'password' })}>
            {t('password.title')}
          </a>
        ) : (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() =>
              void act(t('accounts.access.confirmReset', { username: a.username }), async () => {
                setPassword(await resetPassword(api, a.id));
              })
            }
          >
            {t('accounts.access.resetPassword')}
          </button>
        )}
      </section>

      {!self && (
        <AccountEditForm
          key={a.updatedAt}
          account={a}
          saved={savedVersion === a.updatedAt}
          onSaved={(next) => {
            setSavedVersion(next.updatedAt);
            refresh();
          }}
        />
      )}

      <section className="card stack" aria-labelledby="account-devices">
        <h2 id="account-devices">{t('accounts.devices.title')}</h2>
        {devices.error !== null && (
          <p role="alert" className="notice notice--error">
            {errorText(devices.error)}
          </p>
        )}
        {devices.data && (
          <DeviceList
            devices={devices.data}
            onRevoke={async (device) => {
              await revokeUserDevice(api, a.id, device.id);
              refresh();
            }}
          />
        )}
        {devices.data && devices.data.length > 1 && (
          <button
            type="button"
            className="btn btn--danger"
            disabled={busy}
            onClick={() =>
              void act(t('accounts.devices.confirmAll', { username: a.username }), async () => {
                await revokeAllUserDevices(api, a.id);
              })
            }
          >
            {t('accounts.devices.revokeAll')}
          </button>
        )}
      </section>

      <section className="card stack" aria-labelledby="account-history">
        <h2 id="account-history">{t('accounts.audit.forAccount')}</h2>
        {history.error !== null && (
          <p role="alert" className="notice notice--error">
            {errorText(history.error)}
          </p>
        )}
        {history.data && <AuditList entries={history.data.entries} />}
      </section>
    </div>
  );
}
