import {
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  FormProvider,
  useForm,
  useWatch,
  type FieldErrors,
  type Path,
  type Resolver,
} from 'react-hook-form';
import { toNestErrors } from '@hookform/resolvers';
import { useTranslation } from 'react-i18next';
import { checkActivity } from '../../../../shared/activity/activity-issues';
import { requiredFields } from '../../../../shared/activity/activity-rules';
import { type Activity } from '../../../../shared/activity/activity.schema';
import { implausibleValues, type Implausible } from '../../../../shared/activity/plausibility';
import { maxTextLength } from '../../../../shared/activity/text-limits';
import type { ActivityStatus } from '../../../../shared/activity/activity-enums';
import { hasAttendance } from '../../../../shared/activity/activity-factory';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import { navigate } from '../../../lib/router';
import { revealField } from '../../../lib/reveal-field';
import {
  ActivityFormMetaContext,
  type ActivityFormMeta,
} from '../../../components/form/activity-form-meta';
import { fieldIds } from '../../../components/form/use-activity-field';
import { AttendanceSection } from '../../attendance/components/attendance-section';
import { createAttendeeStore } from '../../attendance/model/attendee-store';
import { PhotosSection } from '../../photos/components/photos-section';
import { useFormAutosave } from '../hooks/use-form-autosave';
import { useSaveActivity } from '../hooks/use-save-activity';
import { CommonSection } from './common-section';
import { CostSection } from './cost-section';
import { TYPE_SECTIONS } from './sections/type-sections';
import { ErrorSummary } from './error-summary';
import { firstErrorField } from './form-errors';
import { PlausibilityDialog } from './plausibility-dialog';
import { usePeriodLock } from '../hooks/use-period-lock';
import { PeriodLockNotice } from '../detail/period-lock-notice';

/** After a failed save the errors follow the typing, this long after the last keystroke. */
const REVALIDATE_DELAY_MS = 200;

interface ActivityFormProps {
  initial: Activity;
  isNew: boolean;
  resumed: boolean;
  catalog: GeographyCatalog;
}

type Banner = { kind: 'error'; text: string } | null;

/** Create or edit one activity: common part, the form's own part, attendance, cost. */
export function ActivityForm({ initial, isNew, resumed, catalog }: ActivityFormProps) {
  const { t } = useTranslation();
  const { save, discardDraft } = useSaveActivity();
  const [store] = useState(() => createAttendeeStore(initial.attendees));
  // The attendee list lives in its own store; the shared check sees the whole record, and
  // gives every error at once (cross-field rules included), one per field.
  const resolver = useMemo<Resolver<Activity>>(
    () => (values, _context, options) => {
      const result = checkActivity({ ...values, attendees: [...store.getAll()] });
      if (result.success) return { values: result.data, errors: {} };
      const flat: FieldErrors = {};
      for (const issue of result.issues)
        flat[issue.path] = { type: 'validation', message: issue.message };
      return { values: {}, errors: toNestErrors(flat, options) };
    },
    [store],
  );
  const form = useForm<Activity>({ defaultValues: initial, resolver, shouldFocusError: false });
  const [banner, setBanner] = useState<Banner>(null);
  const [saving, setSaving] = useState(false);
  // A day and commune whose period report is submitted (as last pulled): the server would refuse
  // the record, so the form says so as soon as the day is chosen and does not save it there.
  const [date, communeCode, geographyId] = useWatch({
    control: form.control,
    name: ['date', 'communeCode', 'geographyId'],
  });
  const lock = usePeriodLock(
    date && communeCode && geographyId ? { date, communeCode, geographyId } : undefined,
  );
  const [implausible, setImplausible] = useState<{ items: Implausible[]; values: Activity }>();
  const formRef = useRef<HTMLFormElement>(null);
  const [failedOnce, setFailedOnce] = useState(false);
  const meta = useMemo<ActivityFormMeta>(
    () => ({
      required: new Set(requiredFields(initial.type)),
      maxLength: (field) => maxTextLength(initial.type, field),
    }),
    [initial.type],
  );

  const revealFirstError = useCallback(() => {
    // Once React has drawn the messages and the count in the save bar (whose height decides
    // where the field has to go): a few frames at most.
    let frames = 0;
    const tryReveal = () => {
      const form = formRef.current;
      const drawn = form?.querySelector('.error-summary') && firstErrorField(form);
      if (!drawn && ++frames < 10) return void requestAnimationFrame(tryReveal);
      const field = firstErrorField(form);
      if (field) revealField(field);
    };
    requestAnimationFrame(tryReveal);
  }, []);

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

  // Once a save has failed, every change re-checks the whole form: the messages and the count
  // follow the typing, a fixed field loses its message (also a cross-field one elsewhere).
  useEffect(() => {
    if (!failedOnce) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recheck = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void form.trigger(), REVALIDATE_DELAY_MS);
    };
    const watching = form.watch(recheck);
    const unsubscribeStore = store.subscribe(recheck);
    return () => {
      clearTimeout(timer);
      watching.unsubscribe();
      unsubscribeStore();
    };
  }, [failedOnce, form, store]);

  const saveValues = async (values: Activity) => {
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
      setFailedOnce(true);
      revealFirstError();
    } else {
      setBanner({
        kind: 'error',
        text: t('activityForm.saveFailed', { reason: t(outcome.reasonKey) }),
      });
    }
  };

  const submit = (status: ActivityStatus) => {
    if (lock) {
      setBanner({ kind: 'error', text: t('periodLock.title') });
      // The notice with the reason sits under the common section: bring it into view.
      formRef.current?.querySelector('[data-testid="period-lock"]')?.scrollIntoView?.({
        block: 'center',
      });
      return;
    }
    form.setValue('status', status);
    setBanner(null);
    void form.handleSubmit(
      async (values) => {
        const items = implausibleValues(values);
        if (items.length > 0) setImplausible({ items, values });
        else await saveValues(values);
      },
      () => {
        setFailedOnce(true);
        revealFirstError();
      },
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
      <ActivityFormMetaContext.Provider value={meta}>
        <form
          ref={formRef}
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
          <p className="hint">{t('activityForm.requiredLegend')}</p>
          <CommonSection catalog={catalog} />
          {lock && <PeriodLockNotice lock={lock} />}
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
          <PhotosSection activityId={initial.id} />
          <div className="action-bar">
            <ErrorSummary formRef={formRef} />
            {banner && (
              <p className="notice notice--error" role="alert">
                {banner.text}
              </p>
            )}
            <p className="hint action-bar__status" aria-live="polite">
              {autosave.savedAt
                ? t('activityForm.autosaved', {
                    time: formatIsoDateTime(autosave.savedAt).slice(11),
                  })
                : ''}
            </p>
            <div className="row">
              <button
                type="button"
                className="btn"
                disabled={saving}
                onClick={() => submit('draft')}
              >
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
          </div>
          <button type="button" className="btn btn--ghost" onClick={() => void discard()}>
            {t('activityForm.discardDraft')}
          </button>
        </form>
        {implausible && (
          <PlausibilityDialog
            items={implausible.items}
            onFix={() => {
              const first = document.getElementById(fieldIds(implausible.items[0]!.path).id);
              setImplausible(undefined);
              if (first) requestAnimationFrame(() => revealField(first));
            }}
            onConfirm={() => {
              const { values } = implausible;
              setImplausible(undefined);
              void saveValues(values);
            }}
          />
        )}
      </ActivityFormMetaContext.Provider>
    </FormProvider>
  );
}
