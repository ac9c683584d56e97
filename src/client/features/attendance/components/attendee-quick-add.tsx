import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import {
  EMPTY_ATTENDEE_DRAFT,
  parseAttendeeDraft,
  type AttendeeDraft,
  type AttendeeErrors,
} from '../model/attendee-draft';
import type { AttendeeStore } from '../model/attendee-store';
import { AttendeeFields } from './attendee-fields';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

/** Type a person, press Enter: added, the boxes clear and the cursor is back in "Họ và tên". */
export function AttendeeQuickAdd({ store }: { store: AttendeeStore }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AttendeeDraft>(EMPTY_ATTENDEE_DRAFT);
  const [errors, setErrors] = useState<AttendeeErrors>({});
  const [announcement, setAnnouncement] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const { formRef, revealFirstError } = useRevealFirstError<HTMLDivElement>();

  const add = () => {
    const result = parseAttendeeDraft(draft, uuidv7());
    if (!result.ok) {
      setErrors(result.errors);
      revealFirstError();
      return;
    }
    store.add(result.attendee);
    setDraft(EMPTY_ATTENDEE_DRAFT);
    setErrors({});
    setAnnouncement(
      t('attendance.added', { name: result.attendee.fullName, count: store.getAll().length }),
    );
    nameRef.current?.focus();
  };

  return (
    <div ref={formRef} className="quick-add" role="group" aria-labelledby="quick-add-title">
      <h3 id="quick-add-title">{t('attendance.quickAdd')}</h3>
      <p className="hint">{t('attendance.addHint')}</p>
      <AttendeeFields
        idPrefix="new-attendee"
        draft={draft}
        errors={errors}
        nameRef={nameRef}
        onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        onEnter={add}
      />
      <button type="button" className="btn btn--primary" onClick={add}>
        {t('attendance.add')}
      </button>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
