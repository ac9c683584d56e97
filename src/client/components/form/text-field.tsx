import type { ChangeEvent } from 'react';
import { useActivityField, type ActivityField } from './use-activity-field';
import { describedBy, FieldFrame } from './field-frame';

interface TextFieldProps {
  name: ActivityField;
  label: string;
  hint?: string;
  multiline?: boolean;
  type?: 'text' | 'date' | 'url' | 'tel';
  /** For optional fields whose schema wants `undefined` rather than '' (e.g. endDate). */
  emptyAsUndefined?: boolean;
  max?: string;
  autoComplete?: string;
  /** Offered as the officer types (a datalist); any other text is still accepted. */
  suggestions?: readonly string[];
}

export function TextField({
  name,
  label,
  hint,
  multiline,
  type = 'text',
  emptyAsUndefined,
  max,
  autoComplete,
  suggestions,
}: TextFieldProps) {
  const { field, error, id, errorId, hintId } = useActivityField(name);
  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    field.onChange(emptyAsUndefined && e.target.value === '' ? undefined : e.target.value);
  const common = {
    id,
    name: field.name,
    ref: field.ref,
    value: typeof field.value === 'string' ? field.value : '',
    onChange,
    onBlur: field.onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint && hintId, error && errorId),
  } as const;
  return (
    <FieldFrame id={id} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId}>
      {multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input
          {...common}
          type={type}
          max={max}
          autoComplete={autoComplete ?? 'off'}
          list={suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined}
        />
      )}
      {suggestions && suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`} data-testid={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </FieldFrame>
  );
}
