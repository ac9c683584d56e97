import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeOwnPasswordRequestSchema } from '../../../../shared/auth/account.schema';
import { V } from '../../../../shared/validation/messages';
import { messageKeyOf } from '../../../../shared/validation/field-errors';
import { hrefFor } from '../../../lib/router';
import { InputField } from '../../../components/form/input-field';
import { serverFieldErrors, useErrorText } from '../../../lib/http/use-error-text';
import { changeOwnPassword } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/** Đổi mật khẩu: any officer; their other devices are logged out, this one stays. */
export function ChangePasswordScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    const found: Partial<Record<Field, string>> = {};
    const parsed = changeOwnPasswordRequestSchema.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        found[String(issue.path[0]) as Field] ??= messageKeyOf(issue);
    }
    if (repeat !== newPassword) found.repeat = V.passwordMismatch;
    if (!parsed.success || found.repeat) {
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await changeOwnPassword(api, parsed.data);
      setDone(true);
      setCurrent('');
      setNew('');
      setRepeat('');
    } catch (error) {
      const fields = serverFieldErrors(error);
      setErrors(fields);
      setFailure(fields.currentPassword ? null : errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <a href={hrefFor({ name: 'settings' })} className="btn btn--ghost">
        {t('accounts.backToSettings')}
      </a>
      <h1>{t('password.title')}</h1>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrent}
          error={errors.currentPassword}
        />
        <InputField
          label={t('password.new')}
          hint={t('password.newHint')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNew}
          error={errors.newPassword}
        />
        <InputField
          label={t('password.repeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
        />
        {failure && (
          <p role="alert" className="notice notice--error">
            {failure}
          </p>
        )}
        {done && (
          <p role="status" className="notice">
            {t('password.done')}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('accounts.saving') : t('password.submit')}
        </button>
      </form>
    </div>
  );
}
