import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/auth/account-admin.schema';
import { hrefFor } from '../../../lib/router';
import { useSession } from '../../auth/session-context';
import { AuditList } from '../components/audit-list';
import { useErrorText } from '../../../lib/http/use-error-text';
import { auditLog } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';

/** Nhật ký thay đổi (admin): every change to every account, newest first, page by page. */
export function AuditLogScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  async function load(before?: string) {
    setLoading(true);
    try {
      const page = await auditLog(api, before ? { before } : {});
      setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
      setNext(page.nextBefore);
      setError(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (user.role === 'admin') void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, user.role]);

  if (user.role !== 'admin') return <p className="notice">{t('accounts.adminOnly')}</p>;
  return (
    <div className="stack">
      <a href={hrefFor({ name: 'accounts' })} className="btn btn--ghost">
        {t('accounts.back')}
      </a>
      <h1>{t('accounts.audit.title')}</h1>
      {error !== null && (
        <p role="alert" className="notice notice--error">
          {errorText(error)}
        </p>
      )}
      {loading && entries.length === 0 ? (
        <p className="notice">{t('app.loading')}</p>
      ) : (
        <AuditList entries={entries} />
      )}
      {next && (
        <button type="button" className="btn" disabled={loading} onClick={() => void load(next)}>
          {t('accounts.audit.more')}
        </button>
      )}
    </div>
  );
}
