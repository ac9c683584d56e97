import { useTranslation } from 'react-i18next';
import { DateTextInput } from './date-text-input';
import { describedBy, FieldFrame } from './field-frame';
import { useActivityField, type ActivityField } from './use-activity-field';

interface DateFieldProps {
  name: ActivityField;
  label: string;
  /** Latest day the picker offers (ISO). */
  max?: string;
  /** For an optional date: an empty box stores undefined. */
  optional?: boolean;
}

/**
 * An activity form's date, dd/MM/yyyy (`DateTextInput`). The form value is the ISO date; an
 * unfinished or impossible date is kept as typed and refused with its message.
 */
export function DateField({ name, label, max, optional }: DateFieldProps) {
  const { t } = useTranslation();
  const { field, error, id, errorId, hintId, required } = useActivityField(name);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={t('activityForm.dateHint')}
      hintId={hintId}
      error={error}
      errorId={errorId}
      required={required}
    >
      <DateTextInput
        id={id}
        label={label}
        value={field.value}
        onChange={field.onChange}
        max={max}
        optional={optional}
        name={field.name}
        inputRef={field.ref}
        onBlur={field.onBlur}
        invalid={Boolean(error)}
        required={required}
        describedBy={describedBy(hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
