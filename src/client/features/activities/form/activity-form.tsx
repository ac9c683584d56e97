import { Suspense, useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { FormProvider, useForm, type FieldErrors, type Path, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { activitySchema } from '../../../../shared/activity/activity-record.schema';
import { type Activity } from '../../../../shared/activity/activity.schema';
import type { ActivityStatus } from '../../../../shared/activity/activity-enums';
import { hasAttendance } from '../../../../shared/activity/activity-factory';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import { navigate } from '../../../lib/router';
import { AttendanceSection } from '../../attendance/components/attendance-section';
import { createAttendeeStore } from '../../attendance/model/attendee-store';
import { useFormAutosave } from '../hooks/use-form-autosave';
import { useSaveActivity } from '../hooks/use-save-activity';
import { CommonSection } from './common-section';
import { CostSection } from './cost-section';
import { TYPE_SECTIONS } from './sections/type-sections';

interface ActivityFormProps {
  initial: Activity;
  isNew: boolean;
  resumed: boolean;
  catalog: GeographyCatalog;
}

function countErrors(errors: FieldErrors | undefined): number {
  if (!errors) return 0;
  return Object.values(errors).reduce<number>((n, e) => {
    if (!e || typeof e !== 'object') return n;
    if ('message' in e && typeof e.message === 'string') return n + 1;
    return n + countErrors(e as FieldErrors);
  }, 0);
}

type Banner = { kind: 'error'; text: string } | null;

/** Create or edit one activity: common part, the form's own part, attendance, cost. */
export function ActivityForm({ initial, isNew, resumed, catalog }: ActivityFormProps) {
  const { t } = useTranslation();
  const { save, discardDraft } = useSaveActivity();
  const [store] = useState(() => createAttendeeStore(initial.attendees));
  // The attendee list lives in its own store; the shared schema still checks the whole record.
  const resolver = useMemo<Resolver<Activity>>(() => {
    const schemaResolver = zodResolver(activitySchema) as unknown as Resolver<Activity>;
    return (values, context, options) =>
      schemaResolver({ ...values, attendees: [...store.getAll()] }, context, options);
  }, [store]);
  const form = useForm<Activity>({ defaultValues: initial, resolver, shouldFocusError: true });
  const [banner, setBanner] = useState<Banner>(null);
  const [saving, setSaving] = useState(false);

  const snapshot = useCallback(
    () => ({ ...form.getValues(), attendees: store.getAll() }),
    [form, store],
  );
  const subscribe = useCallback(
    (onChange: () => void) => {
      const watching = form.watch(() => onChange());
      const unsubscribeStore = store.subscribe(onChange);
      return () => {
        watching.unsubscribe();
        unsubscribeStore();
      };
    },
    [form, store],
  );
  const autosave = useFormAutosave({
    activityId: initial.id,
    type: initial.type,
    isNew,
    snapshot,
    subscribe,
  });

  const submit = (status: ActivityStatus) => {
    form.setValue('status', status);
    void form.handleSubmit(
      async (values) => {
        setSaving(true);
        await autosave.suspend();
        const outcome = await save(values);
        if (outcome.ok) {
          navigate({ name: 'detail', id: initial.id }, { replace: true });
          return;
        }
        setSaving(false);
        autosave.resume();
        if ('fieldErrors' in outcome) {
          for (const e of outcome.fieldErrors)
            form.setError(e.path as Path<Activity>, { message: e.messageKey });
          setBanner({
            kind: 'error',
            text: t('activityForm.fixErrors', { count: outcome.fieldErrors.length }),
          });
        } else {
          setBanner({
            kind: 'error',
            text: t('activityForm.saveFailed', { reason: outcome.reason }),
          });
        }
      },
      (errors) =>
        setBanner({
          kind: 'error',
          text: t('activityForm.fixErrors', { count: countErrors(errors) }),
        }),
    )();
  };

  const discard = async () => {
    if (!window.confirm(t('activityForm.discardConfirm'))) return;
    await autosave.suspend();
    await discardDraft(initial.id);
    navigate(isNew ? { name: 'home' } : { name: 'detail', id: initial.id }, { replace: true });
  };

  // Enter in a text box must not save the whole activity by accident.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
  };

  const TypeSection = TYPE_SECTIONS[initial.type];
  const typeLabel = t(`activityType.${initial.type}`);

  return (
    <FormProvider {...form}>
      <form
        className="activity-form stack"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={onKeyDown}
      >
        <h1>
          {isNew
            ? t('activityForm.newTitle', { type: typeLabel })
            : t('activityForm.editTitle', { type: typeLabel })}
        </h1>
        {resumed && <p className="notice">{t('activityForm.resumed')}</p>}
        <CommonSection catalog={catalog} />
        <section className="card" aria-labelledby="type-heading">
          <h2 id="type-heading">{t('activityForm.sectionType')}</h2>
          <Suspense
            fallback={
              <p className="hint" data-loading-section>
                {t('activityForm.loadingSection')}
              </p>
            }
          >
            <TypeSection />
          </Suspense>
        </section>
        {hasAttendance(initial.type) && <AttendanceSection store={store} />}
        <CostSection />
        <div className="action-bar">
          {banner && (
            <p className="notice notice--error" role="alert">
              {banner.text}
            </p>
          )}
          <p className="hint" aria-live="polite">
            {autosave.savedAt
              ? t('activityForm.autosaved', { time: formatIsoDateTime(autosave.savedAt).slice(11) })
              : ''}
          </p>
          <div className="row">
            <button type="button" className="btn" disabled={saving} onClick={() => submit('draft')}>
              {t('activityForm.saveDraft')}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              disabled={saving}
              onClick={() => submit('complete')}
            >
              {saving ? t('activityForm.saving') : t('activityForm.save')}
            </button>
          </div>
          <button type="button" className="btn btn--ghost" onClick={() => void discard()}>
            {t('activityForm.discardDraft')}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
