import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import {
  TARGET_INDICATORS,
  targetValuesSchema,
  type TargetIndicator,
  type TargetValues,
  type UnitTargets,
} from '../../../../shared/reports/report-targets';
import { FormFailure } from '../../../components/form/form-failure';
import { FormNumberField } from '../../../components/form/form-number-field';
import { ApiError } from '../../../lib/http/api-error';
import { useErrorText } from '../../../lib/http/use-error-text';
import { useProblemText } from '../../../lib/http/use-problem-text';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { saveTargets } from '../http/reports-http';
import { useDictionary } from '../hooks/use-dictionary';

interface Props {
  data: UnitTargets;
}

type Outcome = { kind: 'saved' } | { kind: 'failed'; error: unknown } | null;

const INDICATOR_PATH = /^targets\.(\w+)$/;

function valuesOf(data: UnitTargets): TargetValues {
  const values: TargetValues = {};
  for (const t of data.targets) if (t.unitCode === data.unit.code) values[t.indicator] = t.value;
  return values;
}

/**
 * The eight yearly targets of one unit, checked by the same zod schema the server uses. A failed
 * save (offline, refused, server down) keeps every number typed and says why; the server's
 * field errors are shown under their boxes.
 */
export function TargetsForm({ data }: Props) {
  const { t } = useTranslation();
  const d = useDictionary();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const problemText = useProblemText();
  const form = useForm<TargetValues>({
    defaultValues: valuesOf(data),
    resolver: zodResolver(targetValuesSchema),
    shouldFocusError: true,
  });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const readOnly = !data.mayEdit;
  const names = { year: data.year, unit: data.unit.name };
  const stamps = new Map(
    data.targets.filter((x) => x.unitCode === data.unit.code).map((x) => [x.indicator, x]),
  );

  const onSubmit = form.handleSubmit(async (values) => {
    setOutcome(null);
    const targets: TargetValues = {};
    for (const id of TARGET_INDICATORS) if (values[id] !== undefined) targets[id] = values[id];
    try {
      const answer = await saveTargets(api, {
        geography: data.geography,
        unit: data.unit.code,
        year: data.year,
        targets,
      });
      form.reset(valuesOf(answer));
      setOutcome({ kind: 'saved' });
    } catch (error) {
      for (const e of error instanceof ApiError ? (error.problem?.errors ?? []) : []) {
        const indicator = INDICATOR_PATH.exec(e.path)?.[1];
        if (indicator && (TARGET_INDICATORS as readonly string[]).includes(indicator)) {
          form.setError(indicator as TargetIndicator, { type: 'server', message: e.code });
        }
      }
      setOutcome({ kind: 'failed', error });
    }
  });

  const failureText = (error: unknown) => {
    if (!(error instanceof ApiError)) return errorText(error);
    if (error.kind === 'network') return t('reports.targetsForm.offline');
    // A refusal says which rule refused (only province and district officers set targets).
    if (error.kind === 'forbidden' && error.problem?.code) {
      return problemText(error.problem.code, error.problem.params, errorText(error));
    }
    return errorText(error);
  };
  const invalid = Object.keys(form.formState.errors).length > 0;

  return (
    <FormProvider {...form}>
      <form className="stack targets-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p>{t('reports.targetsForm.intro', names)}</p>
        {readOnly && <p className="notice">{t('reports.targetsForm.readOnly')}</p>}
        <div className="targets-form__fields">
          {TARGET_INDICATORS.map((id) => {
            const stamp = stamps.get(id);
            return (
              <FormNumberField<TargetValues>
                key={id}
                name={id}
                label={d.report.targets.indicator[id]}
                readOnly={readOnly}
                hint={
                  stamp
                    ? t('reports.targetsForm.setBy', {
                        by: stamp.setBy,
                        at: formatIsoDateTime(stamp.setAt),
                      })
                    : undefined
                }
              />
            );
          })}
        </div>
        {invalid && outcome?.kind !== 'failed' && (
          <p role="alert" className="notice notice--error">
            {t('reports.targetsForm.fixErrors')}
          </p>
        )}
        <FormFailure
          message={
            outcome?.kind === 'failed'
              ? `${failureText(outcome.error)} ${t('reports.targetsForm.notSaved')}`
              : null
          }
        />
        {outcome?.kind === 'saved' && (
          <p role="status" className="notice">
            {t('reports.targetsForm.saved', names)}
          </p>
        )}
        {!readOnly && (
          <button type="submit" className="btn btn--primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting
              ? t('reports.targetsForm.saving')
              : t('reports.targetsForm.save')}
          </button>
        )}
      </form>
    </FormProvider>
  );
}
