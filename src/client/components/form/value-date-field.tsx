import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTextInput } from './date-text-input';
import { describedBy, FieldFrame, frameIds } from './field-frame';

export interface ValueDateFieldProps {
  label: string;
  /** An ISO date, or the text as typed while it is not one yet. */
  value: string;
  onChange: (value: string) => void;
  /** A validation message key, shown translated under the box. */
  error?: string;
  max?: string;
}

/** A dd/MM/yyyy date held by its caller's state (outside the activity form), in the shared frame. */
export function ValueDateField({ label, value, onChange, error, max }: ValueDateFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const { hintId, errorId } = frameIds(id);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={t('activityForm.dateHint')}
      hintId={hintId}
      error={error}
      errorId={errorId}
    >
      <DateTextInput
        id={id}
        label={label}
        value={value}
        onChange={(v) => onChange(v ?? '')}
        max={max}
        invalid={Boolean(error)}
        describedBy={describedBy(hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
