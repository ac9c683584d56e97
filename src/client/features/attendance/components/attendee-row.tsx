import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee } from '../../../../shared/activity/attendee.schema';
import { draftOf, parseAttendeeDraft, type AttendeeErrors } from '../model/attendee-draft';
import type { AttendeeStore } from '../model/attendee-store';
import { AttendeeFields } from './attendee-fields';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

/** One person on the list; memoised so adding someone else never re-renders this row. */
export const AttendeeRow = memo(function AttendeeRow({
  attendee,
  store,
}: {
  attendee: Attendee;
  store: AttendeeStore;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ReturnType<typeof draftOf> | null>(null);
  const [errors, setErrors] = useState<AttendeeErrors>({});
  const { formRef, revealFirstError } = useRevealFirstError<HTMLLIElement>();

  if (editing) {
    const done = () => {
      const result = parseAttendeeDraft(editing, attendee.id);
      if (!result.ok) {
        setErrors(result.errors);
        revealFirstError();
        return;
      }
      store.update(attendee.id, result.attendee);
      setEditing(null);
      setErrors({});
    };
    return (
      <li ref={formRef} className="attendee attendee--editing">
        <AttendeeFields
          idPrefix={`attendee-${attendee.id}`}
          draft={editing}
          errors={errors}
          onChange={(patch) => setEditing((d) => (d ? { ...d, ...patch } : d))}
          onEnter={done}
        />
        <div className="row">
          <button type="button" className="btn btn--primary" onClick={done}>
            {t('attendance.saveRow')}
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => setEditing(null)}>
            {t('app.cancel')}
          </button>
        </div>
      </li>
    );
  }

  const details = [
    t(`sex.${attendee.sex}`),
    String(attendee.birthYear),
    t(`ethnicity.${attendee.ethnicity}`),
    attendee.householdCategory !== 'none'
      ? t(`householdCategory.${attendee.householdCategory}`)
      : null,
    attendee.isOfficial ? t('attendance.isOfficial') : null,
    attendee.phone ?? null,
  ].filter(Boolean);

  return (
    <li className="attendee">
      <div className="attendee__text">
        <strong>{attendee.fullName}</strong>
        <span className="hint">{details.join(' · ')}</span>
      </div>
      <div className="attendee__actions">
        <button
          type="button"
          className="btn btn--small"
          aria-label={t('attendance.editNamed', { name: attendee.fullName })}
          onClick={() => setEditing(draftOf(attendee))}
        >
          {t('attendance.edit')}
        </button>
        <button
          type="button"
          className="btn btn--small btn--danger"
          aria-label={t('attendance.removeNamed', { name: attendee.fullName })}
          onClick={() => store.remove(attendee.id)}
        >
          {t('attendance.remove')}
        </button>
      </div>
    </li>
  );
});
