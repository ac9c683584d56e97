import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeOwnPasswordRequestSchema } from '../../../../shared/auth/account.schema';
import { V } from '../../../../shared/validation/messages';
import { firstMessageByField } from '../../../../shared/validation/field-errors';
import { hrefFor } from '../../../lib/router';
import { InputField } from '../../../components/form/input-field';
import { serverFieldErrors } from '../../../lib/http/use-error-text';
import { useApiSubmit } from '../../../lib/http/use-api-submit';
import { FormFailure } from '../../../components/form/form-failure';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';
import { changeOwnPassword } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/** Đổi mật khẩu: any officer; their other devices are logged out, this one stays. */
export function ChangePasswordScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState(false);
  const { busy, failure, setFailure, run } = useApiSubmit();
  const { formRef, revealFirstError } = useRevealFirstError();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    const parsed = changeOwnPasswordRequestSchema.safeParse({ currentPassword, newPassword });
    const found: Partial<Record<Field, string>> = parsed.success
      ? {}
      : firstMessageByField(parsed.error.issues);
    if (repeat === '') found.repeat = V.required;
    else if (repeat !== newPassword) found.repeat = V.passwordMismatch;
    if (!parsed.success || found.repeat) {
      setErrors(found);
      revealFirstError();
      return;
    }
    setErrors({});
    const data = parsed.data;
    const error = await run(async () => {
      await changeOwnPassword(api, data);
      setDone(true);
      setCurrent('');
      setNew('');
      setRepeat('');
    });
    if (!error) return;
    const fields = serverFieldErrors(error);
    setErrors(fields);
    revealFirstError();
    // A wrong current password is said under its box; once is enough.
    if (fields.currentPassword) setFailure(null);
  }

  return (
    <div className="stack">
      <a href={hrefFor({ name: 'settings' })} className="btn btn--ghost">
        {t('accounts.backToSettings')}
      </a>
      <h1>{t('password.title')}</h1>
      <form ref={formRef} className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          label={t('password.current')}
          required
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrent}
          error={errors.currentPassword}
        />
        <InputField
          label={t('password.new')}
          required
          hint={t('password.newHint')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNew}
          error={errors.newPassword}
        />
        <InputField
          label={t('password.repeat')}
          required
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
        />
        <FormFailure message={failure} />
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
