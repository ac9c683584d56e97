import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../../shared/agencies/agency';
import { agencySchema } from '../../../../shared/agencies/agency.schema';
import { formatIsoDate } from '../../../../shared/format/vi-format';
import { InputField } from '../../../components/form/input-field';
import { ValueDateField } from '../../../components/form/value-date-field';
import { FormFailure } from '../../../components/form/form-failure';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';
import { useApiSubmit } from '../../../lib/http/use-api-submit';
import { hrefFor } from '../../../lib/router';
import { useSession } from '../../auth/session-context';
import { useErrorText } from '../../../lib/http/use-error-text';
import { listAgencies, saveAgency } from '../http/accounts-http';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useRemote } from '../../../lib/use-remote';
import { useAccountsAdminCatalogue } from '../hooks/use-accounts-admin-catalogue';

type Editing = { agency: Agency; isNew: boolean } | null;

/**
 * Cơ quan tổ chức (admin): the organising agencies the activity form suggests, each with the days
 * it existed under its name. Online, like the accounts screens; phones get edits by pull.
 */
export function AgenciesScreen() {
  useAccountsAdminCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const agencies = useRemote(() => listAgencies(api), [api]);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (user.role !== 'admin') return <p className="notice">{t('accounts.adminOnly')}</p>;
  // Dates only, no words: the same in both languages.
  const validity = (a: Agency) =>
    `${a.validFrom ? formatIsoDate(a.validFrom) : '…'} – ${a.validTo ? formatIsoDate(a.validTo) : '…'}`;
  return (
    <div className="stack">
      <a href={hrefFor({ name: 'accounts' })} className="btn btn--ghost">
        {t('accounts.back')}
      </a>
      <h1>{t('field.organiser')}</h1>
      {saved && (
        <p role="status" className="notice">
          {`${t('activityForm.saved')} ${saved}`}
        </p>
      )}
      {agencies.error !== null && (
        <p role="alert" className="notice notice--error">
          {errorText(agencies.error)}
        </p>
      )}
      {!editing && (
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => setEditing({ agency: { id: '', name: '' }, isNew: true })}
        >
          {t('agencies.add')}
        </button>
      )}
      {editing && (
        <AgencyForm
          key={editing.agency.id || 'new'}
          initial={editing.agency}
          isNew={editing.isNew}
          onCancel={() => setEditing(null)}
          onSaved={(agency) => {
            setEditing(null);
            setSaved(agency.name);
            agencies.reload();
          }}
        />
      )}
      {agencies.loading && !agencies.data ? (
        <p className="notice">{t('app.loading')}</p>
      ) : (
        <ul className="card-list" aria-label={t('field.organiser')}>
          {(agencies.data ?? []).map((a) => (
            <li key={a.id} className="card">
              <strong>{a.name}</strong>
              <p className="hint">
                {validity(a)} · <code>{a.id}</code>
              </p>
              <button
                type="button"
                className="btn"
                aria-label={t('agencies.editNamed', { name: a.name })}
                onClick={() => {
                  setSaved(null);
                  setEditing({ agency: a, isNew: false });
                }}
              >
                {t('activityDetail.edit')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Errors = Partial<Record<'id' | 'name' | 'validFrom' | 'validTo', string>>;

/** Validation message keys (shown by the field frame in the officer's language). */
const FIELD_MESSAGES: Errors = {
  id: 'validation.agencyId',
  name: 'validation.required',
  validFrom: 'validation.invalidDate',
  validTo: 'validation.endBeforeStart',
};

function AgencyForm(props: {
  initial: Agency;
  isNew: boolean;
  onCancel: () => void;
  onSaved: (agency: Agency) => void;
}) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const [id, setId] = useState(props.initial.id);
  const [name, setName] = useState(props.initial.name);
  const [validFrom, setValidFrom] = useState(props.initial.validFrom ?? '');
  const [validTo, setValidTo] = useState(props.initial.validTo ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, failure, setFailure, run } = useApiSubmit();
  const { formRef, revealFirstError } = useRevealFirstError();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const parsed = agencySchema.safeParse({
      ...props.initial,
      id: id.trim(),
      name,
      validFrom: validFrom || undefined,
      validTo: validTo || undefined,
    });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof Errors;
        found[field] ??= FIELD_MESSAGES[field] ?? 'validation.invalidValue';
      }
      setErrors(found);
      revealFirstError();
      return;
    }
    setErrors({});
    const data = parsed.data;
    await run(async () => props.onSaved(await saveAgency(api, data)));
  }

  return (
    <form
      ref={formRef}
      className="card stack"
      noValidate
      aria-label={
        props.isNew ? t('agencies.add') : t('agencies.editNamed', { name: props.initial.name })
      }
      onSubmit={(e) => void submit(e)}
    >
      {props.isNew && (
        <InputField
          label={t('agencies.id')}
          required
          value={id}
          onChange={setId}
          error={errors.id}
          autoCapitalize="none"
        />
      )}
      <InputField
        label={t('agencies.name')}
        required
        value={name}
        onChange={setName}
        error={errors.name}
      />
      <div className="grid-2">
        <ValueDateField
          label={t('agencies.validFrom')}
          value={validFrom}
          onChange={setValidFrom}
          error={errors.validFrom}
        />
        <ValueDateField
          label={t('agencies.validTo')}
          value={validTo}
          onChange={setValidTo}
          error={errors.validTo}
        />
      </div>
      <FormFailure message={failure} />
      <div className="row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('accounts.saving') : t('activityForm.save')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={props.onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </form>
  );
}
