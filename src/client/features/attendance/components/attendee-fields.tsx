import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ETHNICITIES,
  HOUSEHOLD_CATEGORIES,
  SEXES,
} from '../../../../shared/activity/activity-enums';
import type { AttendeeDraft, AttendeeErrors } from '../model/attendee-draft';

interface AttendeeFieldsProps {
  idPrefix: string;
  draft: AttendeeDraft;
  errors: AttendeeErrors;
  onChange: (patch: Partial<AttendeeDraft>) => void;
  /** Enter in any box submits the row (and never the surrounding activity form). */
  onEnter: () => void;
  nameRef?: Ref<HTMLInputElement>;
}

/** The boxes of one attendee, shared by the quick-add row and the inline editor. */
export function AttendeeFields({
  idPrefix,
  draft,
  errors,
  onChange,
  onEnter,
  nameRef,
}: AttendeeFieldsProps) {
  const { t } = useTranslation();
  const id = (field: keyof AttendeeDraft) => `${idPrefix}-${field}`;
  const aria = (field: keyof AttendeeDraft) => ({
    id: id(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id(field)}-error` : undefined,
  });
  const error = (field: keyof AttendeeDraft) =>
    errors[field] ? (
      <p id={`${id(field)}-error`} className="field__error">
        {t(errors[field])}
      </p>
    ) : null;
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter();
    }
  };

  return (
    <div className="attendee-fields" onKeyDown={onKeyDown}>
      <div className="field attendee-fields__name">
        <label htmlFor={id('fullName')}>{t('attendance.fullName')}</label>
        <input
          {...aria('fullName')}
          ref={nameRef}
          type="text"
          autoComplete="off"
          autoCapitalize="words"
          value={draft.fullName}
          onChange={(e) => onChange({ fullName: e.target.value })}
        />
        {error('fullName')}
      </div>
      <div className="field">
        <label htmlFor={id('sex')}>{t('attendance.sex')}</label>
        <select
          {...aria('sex')}
          value={draft.sex}
          onChange={(e) => onChange({ sex: e.target.value as AttendeeDraft['sex'] })}
        >
          <option value="">{t('activityForm.chooseOption')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {t(`sex.${s}`)}
            </option>
          ))}
        </select>
        {error('sex')}
      </div>
      <div className="field">
        <label htmlFor={id('birthYear')}>{t('attendance.birthYear')}</label>
        <input
          {...aria('birthYear')}
          type="text"
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          value={draft.birthYear}
          onChange={(e) => onChange({ birthYear: e.target.value })}
        />
        {error('birthYear')}
      </div>
      <div className="field">
        <label htmlFor={id('ethnicity')}>{t('attendance.ethnicity')}</label>
        <select
          {...aria('ethnicity')}
          value={draft.ethnicity}
          onChange={(e) => onChange({ ethnicity: e.target.value as AttendeeDraft['ethnicity'] })}
        >
          {ETHNICITIES.map((s) => (
            <option key={s} value={s}>
              {t(`ethnicity.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('householdCategory')}>{t('attendance.householdCategory')}</label>
        <select
          {...aria('householdCategory')}
          value={draft.householdCategory}
          onChange={(e) =>
            onChange({ householdCategory: e.target.value as AttendeeDraft['householdCategory'] })
          }
        >
          {HOUSEHOLD_CATEGORIES.map((s) => (
            <option key={s} value={s}>
              {t(`householdCategory.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input
          id={id('isOfficial')}
          type="checkbox"
          checked={draft.isOfficial}
          onChange={(e) => onChange({ isOfficial: e.target.checked })}
        />
        <span>{t('attendance.isOfficial')}</span>
      </label>
      <div className="field">
        <label htmlFor={id('phone')}>{t('attendance.phone')}</label>
        <input
          {...aria('phone')}
          type="tel"
          autoComplete="off"
          value={draft.phone}
          onChange={(e) => onChange({ phone: e.target.value })}
        />
        {error('phone')}
      </div>
    </div>
  );
}
