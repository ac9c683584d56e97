import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ETHNICITIES,
  HOUSEHOLD_CATEGORIES,
  SEXES,
  type Ethnicity,
  type HouseholdCategory,
} from '../../../../shared/activity/activity-enums';
import { InputField } from '../../../components/form/input-field';
import { ValueCheckboxField } from '../../../components/form/value-checkbox-field';
import { ValueSelectField } from '../../../components/form/value-select-field';
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
  const common = (field: keyof AttendeeDraft) => ({
    id: `${idPrefix}-${field}`,
    label: t(`attendance.${field}`),
    error: errors[field],
  });
  const options = <V extends string>(values: readonly V[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter();
    }
  };

  return (
    <div className="attendee-fields" onKeyDown={onKeyDown}>
      <InputField
        {...common('fullName')}
        required
        className="attendee-fields__name"
        inputRef={nameRef}
        autoCapitalize="words"
        value={draft.fullName}
        onChange={(fullName) => onChange({ fullName })}
      />
      <ValueSelectField
        {...common('sex')}
        required
        emptyLabel={t('activityForm.chooseOption')}
        options={options(SEXES, 'sex')}
        value={draft.sex}
        onChange={(sex) => onChange({ sex })}
      />
      <InputField
        {...common('birthYear')}
        required
        inputMode="numeric"
        maxLength={4}
        value={draft.birthYear}
        onChange={(birthYear) => onChange({ birthYear })}
      />
      <ValueSelectField
        {...common('ethnicity')}
        className="attendee-fields__wide"
        options={options(ETHNICITIES, 'ethnicity')}
        value={draft.ethnicity}
        onChange={(ethnicity) => onChange({ ethnicity: ethnicity as Ethnicity })}
      />
      <ValueSelectField
        {...common('householdCategory')}
        className="attendee-fields__wide"
        options={options(HOUSEHOLD_CATEGORIES, 'householdCategory')}
        value={draft.householdCategory}
        onChange={(category) => onChange({ householdCategory: category as HouseholdCategory })}
      />
      <ValueCheckboxField
        {...common('isOfficial')}
        checked={draft.isOfficial}
        onChange={(isOfficial) => onChange({ isOfficial })}
      />
      <InputField
        {...common('phone')}
        type="tel"
        value={draft.phone}
        onChange={(phone) => onChange({ phone })}
      />
    </div>
  );
}
