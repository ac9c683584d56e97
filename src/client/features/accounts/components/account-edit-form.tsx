import { KIEN_GIANG_2024 } from '../../../../shared/geography/geography-ids';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../../shared/auth/account-admin.schema';
import {
  updateUserRequestSchema,
  type UpdateUserRequest,
} from '../../../../shared/auth/account.schema';
import type { Role } from '../../../../shared/auth/roles';
import { messageKeyOf } from '../../../../shared/validation/field-errors';
import { updateUser } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { InputField } from '../../../components/form/input-field';
import { RoleAndUnitFields } from './role-and-unit-fields';
import { serverFieldErrors, useErrorText } from '../../../lib/http/use-error-text';

type Errors = Partial<Record<'displayName' | 'role' | 'unitCode', string>>;

/** Name, role and unit of an account; a new role or unit logs its phones out (they are told). */
export function AccountEditForm(props: {
  account: AccountSummary;
  onSaved: (account: AccountSummary) => void;
}) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const { account } = props;
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [unitCode, setUnitCode] = useState(account.unitCode);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const patch: UpdateUserRequest = {};
    if (displayName.trim() !== account.displayName) patch.displayName = displayName;
    if (role !== account.role) patch.role = role;
    // The unit picker still lists Kiên Giang's 2024 tree (docs/geography.md: not yet geography-aware).
    if (unitCode !== account.unitCode)
      Object.assign(patch, { unitCode, geographyId: KIEN_GIANG_2024 });
    if (Object.keys(patch).length === 0) return;
    const parsed = updateUserRequestSchema.safeParse(patch);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        found[String(issue.path[0]) as keyof Errors] ??= messageKeyOf(issue);
      }
      setErrors(found);
      return;
    }
    if ((patch.role || patch.unitCode) && !window.confirm(t('accounts.edit.confirmScope'))) return;
    setErrors({});
    setBusy(true);
    try {
      props.onSaved(await updateUser(api, account.id, parsed.data));
      setSaved(true);
    } catch (error) {
      setErrors(serverFieldErrors(error) as Errors);
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="account-edit"
    >
      <h2 id="account-edit">{t('accounts.edit.title')}</h2>
      <InputField
        label={t('accounts.displayName')}
        value={displayName}
        onChange={setDisplayName}
        error={errors.displayName}
      />
      <RoleAndUnitFields
        role={role}
        unitCode={unitCode}
        onChange={(next) => {
          setRole(next.role);
          setUnitCode(next.unitCode);
        }}
        errors={{ role: errors.role, unitCode: errors.unitCode }}
      />
      <p className="hint">{t('accounts.edit.scopeHint')}</p>
      {failure && (
        <p role="alert" className="notice notice--error">
          {failure}
        </p>
      )}
      {saved && (
        <p role="status" className="notice">
          {t('accounts.edit.saved')}
        </p>
      )}
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {busy ? t('accounts.saving') : t('accounts.edit.submit')}
      </button>
    </form>
  );
}
