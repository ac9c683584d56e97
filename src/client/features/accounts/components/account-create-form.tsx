import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createUserRequestSchema,
  type CreateUserRequest,
} from '../../../../shared/auth/account.schema';
import type { CreateUserResponse } from '../../../../shared/auth/account-admin.schema';
import type { Role } from '../../../../shared/auth/roles';
import { firstMessageByField } from '../../../../shared/validation/field-errors';
import { createUser } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { InputField } from '../../../components/form/input-field';
import { RoleAndUnitFields, useUnitTree } from './role-and-unit-fields';
import { serverFieldErrors } from '../../../lib/http/use-error-text';
import { useApiSubmit } from '../../../lib/http/use-api-submit';
import { FormFailure } from '../../../components/form/form-failure';
import { ApiError } from '../../../lib/http/api-error';
import { V } from '../../../../shared/validation/messages';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

type Errors = Partial<Record<keyof CreateUserRequest, string>>;

/**
 * A new officer account. Checked with the same schema the server uses; a password left empty is
 * made by the server and shown once. What was typed stays when the server refuses it.
 */
export function AccountCreateForm(props: {
  onCreated: (answer: CreateUserResponse) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('commune');
  const [unitCode, setUnitCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, failure, setFailure, run } = useApiSubmit();
  const { formRef, revealFirstError } = useRevealFirstError();
  const units = useUnitTree();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const parsed = createUserRequestSchema.safeParse({
      username,
      role,
      unitCode,
      // The picker lists the geography in force today; the code is sent with its geography.
      ...(units ? { geographyId: units.geographyId } : {}),
      ...(displayName.trim() ? { displayName } : {}),
      ...(password ? { password } : {}),
    });
    if (!parsed.success) {
      setErrors(firstMessageByField(parsed.error.issues) as Errors);
      revealFirstError();
      return;
    }
    setErrors({});
    const data = parsed.data;
    const error = await run(async () => props.onCreated(await createUser(api, data)));
    if (error) {
      const fields = serverFieldErrors(error) as Errors;
      // A name already taken is the username box's to say (and only there).
      if (error instanceof ApiError && error.problem?.code === 'problem.usernameTaken') {
        fields.username = V.usernameTaken;
        setFailure(null);
      }
      setErrors(fields);
      revealFirstError();
    }
  }

  return (
    <form
      ref={formRef}
      className="card stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="account-create"
    >
      <h2 id="account-create">{t('accounts.create.title')}</h2>
      <InputField
        label={t('accounts.username')}
        hint={t('accounts.create.usernameHint')}
        required
        value={username}
        onChange={setUsername}
        error={errors.username}
        name="username"
      />
      <InputField
        label={t('accounts.displayName')}
        value={displayName}
        onChange={setDisplayName}
        error={errors.displayName}
        name="displayName"
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
      <InputField
        label={t('accounts.create.password')}
        hint={t('accounts.create.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        name="password"
      />
      <FormFailure message={failure} />
      <div className="row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('accounts.saving') : t('accounts.create.submit')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </form>
  );
}
