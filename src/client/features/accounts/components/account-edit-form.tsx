import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../../shared/auth/account-admin.schema';
import {
  updateUserRequestSchema,
  type UpdateUserRequest,
} from '../../../../shared/auth/account.schema';
import type { Role } from '../../../../shared/auth/roles';
import { firstMessageByField } from '../../../../shared/validation/field-errors';
import { updateUser } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { InputField } from '../../../components/form/input-field';
import { RoleAndUnitFields, useUnitTree } from './role-and-unit-fields';
import { serverFieldErrors } from '../../../lib/http/use-error-text';
import { useApiSubmit } from '../../../lib/http/use-api-submit';
import { FormFailure } from '../../../components/form/form-failure';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

type Errors = Partial<Record<'displayName' | 'role' | 'unitCode', string>>;

/**
 * Name, role and unit of an account; a new role or unit logs its phones out (they are told).
 * The screen redraws the form from each new version of the account, so "Đã lưu." is the
 * screen's to say (`saved`): the form's own state would go with the old version.
 */
export function AccountEditForm(props: {
  account: AccountSummary;
  onSaved: (account: AccountSummary) => void;
  /** This version of the account is the one this form just saved. */
  saved?: boolean;
}) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const { account } = props;
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [unitCode, setUnitCode] = useState(account.unitCode);
  const [errors, setErrors] = useState<Errors>({});
  const { busy, failure, setFailure, run } = useApiSubmit();
  const { formRef, revealFirstError } = useRevealFirstError();
  const units = useUnitTree();
  const submitRef = useRef<HTMLButtonElement>(null);
  // Drawn anew after its own save: the keyboard stays where it was, on the button.
  const savedOnMount = useRef(props.saved);
  useEffect(() => {
    if (savedOnMount.current) submitRef.current?.focus();
  }, []);
  // An account nobody moved yet has a unit of a retired geography: the picker (today's tree)
  // shows no unit until the administrator picks the new one.
  const [unitTouched, setUnitTouched] = useState(false);
  const otherGeography = units !== null && account.geographyId !== units.geographyId;
  const shownUnit = otherGeography && !unitTouched ? '' : unitCode;
  const moved =
    units !== null &&
    (otherGeography ? unitTouched && unitCode !== '' : unitCode !== account.unitCode);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const patch: UpdateUserRequest = {};
    if (displayName.trim() !== account.displayName) patch.displayName = displayName;
    if (role !== account.role) patch.role = role;
    // The picker lists the geography in force today; the code is sent with its geography.
    if (moved) Object.assign(patch, { unitCode, geographyId: units.geographyId });
    if (Object.keys(patch).length === 0) return;
    const parsed = updateUserRequestSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(firstMessageByField(parsed.error.issues) as Errors);
      revealFirstError();
      return;
    }
    if ((patch.role || patch.unitCode) && !window.confirm(t('accounts.edit.confirmScope'))) return;
    setErrors({});
    const data = parsed.data;
    const error = await run(async () => props.onSaved(await updateUser(api, account.id, data)));
    if (error) {
      setErrors(serverFieldErrors(error) as Errors);
      revealFirstError();
    }
  }

  return (
    <form
      ref={formRef}
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
        unitCode={shownUnit}
        onChange={(next) => {
          setRole(next.role);
          if (next.unitCode !== shownUnit) {
            setUnitTouched(true);
            setUnitCode(next.unitCode);
          }
        }}
        errors={{ role: errors.role, unitCode: errors.unitCode }}
      />
      {otherGeography && !unitTouched && (
        <p className="hint" data-testid="account-retired-unit">
          {t('accounts.edit.retiredUnit', {
            code: account.unitCode,
            geography: account.geographyId,
          })}
        </p>
      )}
      <p className="hint">{t('accounts.edit.scopeHint')}</p>
      <FormFailure message={failure} />
      {props.saved && (
        <p role="status" className="notice">
          {t('accounts.edit.saved')}
        </p>
      )}
      <button ref={submitRef} type="submit" className="btn btn--primary" disabled={busy}>
        {busy ? t('accounts.saving') : t('accounts.edit.submit')}
      </button>
    </form>
  );
}
