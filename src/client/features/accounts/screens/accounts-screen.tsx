import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateUserResponse } from '../../../../shared/auth/account-admin.schema';
import { foldDiacritics } from '../../../../shared/text/fold-diacritics';
import { hrefFor } from '../../../lib/router';
import { InputField } from '../../../components/form/input-field';
import { useSession } from '../../auth/session-context';
import { AccountCreateForm } from '../components/account-create-form';
import { OneTimePassword } from '../components/one-time-password';
import { useErrorText } from '../../../lib/http/use-error-text';
import { listUsers } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useRemote } from '../../../lib/use-remote';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';
import { useUnitName } from '../hooks/use-unit-name';

/** Tài khoản (admin): every account, a search, and "Tạo tài khoản". */
export function AccountsScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  if (user.role !== 'admin') return <p className="notice">{t('accounts.adminOnly')}</p>;
  return <AccountList />;
}

function AccountList() {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const users = useRemote(() => listUsers(api), [api]);
  const unitName = useUnitName();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreateUserResponse | null>(null);
  const [query, setQuery] = useState('');

  const needle = foldDiacritics(query.trim().toLowerCase());
  const shown = (users.data ?? []).filter(
    (u) =>
      !needle ||
      foldDiacritics(
        `${u.username} ${u.displayName} ${unitName(u.unitCode, u.geographyId)}`.toLowerCase(),
      ).includes(needle),
  );

  return (
    <div className="stack">
      <h1>{t('accounts.title')}</h1>
      <div className="row">
        {!creating && (
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            {t('accounts.create.open')}
          </button>
        )}
        <a className="btn" href={hrefFor({ name: 'auditLog' })}>
          {t('accounts.audit.title')}
        </a>
        <a className="btn" href={hrefFor({ name: 'agencies' })}>
          {t('field.organiser')}
        </a>
      </div>
      {created?.password && (
        <OneTimePassword
          username={created.user.username}
          password={created.password}
          onDone={() => setCreated(null)}
        />
      )}
      {created && !created.password && (
        <p role="status" className="notice">
          {t('accounts.create.done', { username: created.user.username })}
        </p>
      )}
      {creating && (
        <AccountCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(answer) => {
            setCreating(false);
            setCreated(answer);
            users.reload();
          }}
        />
      )}
      <InputField
        id="accounts-search"
        type="search"
        label={t('accounts.search')}
        value={query}
        onChange={setQuery}
      />
      {users.error !== null && (
        <p role="alert" className="notice notice--error">
          {errorText(users.error)}{' '}
          <button type="button" className="btn btn--small" onClick={users.reload}>
            {t('accounts.retry')}
          </button>
        </p>
      )}
      {users.loading && !users.data && <p className="notice">{t('app.loading')}</p>}
      {users.data && (
        <ul className="stack" aria-label={t('accounts.listLabel')}>
          {shown.map((u) => (
            <li key={u.id} className="card" data-testid="account">
              <a className="account-link" href={hrefFor({ name: 'account', id: u.id })}>
                <strong>{u.displayName}</strong> ({u.username})
              </a>{' '}
              {u.disabledAt !== null && (
                <span className="badge badge--warn">{t('accounts.disabled')}</span>
              )}
              <p className="hint">
                {t(`accounts.roles.${u.role}`)} · {unitName(u.unitCode, u.geographyId)} ·{' '}
                {t('accounts.activeDevices', { count: u.activeDevices })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
