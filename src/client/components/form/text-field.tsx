import type { ChangeEvent } from 'react';
import { useActivityField, type ActivityField } from './use-activity-field';
import { describedBy, FieldFrame } from './field-frame';
import { formatNumber } from '../../../shared/format/vi-format';
import { useLocale } from '../../lib/use-locale';

/** The counter shows from 90 % of the limit ("3.650 / 4.000"). */
const COUNTER_FROM = 0.9;

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
  const { field, error, id, errorId, hintId, required, maxLength } = useActivityField(name);
  const locale = useLocale();
  const value = typeof field.value === 'string' ? field.value : '';
  // The limit is said where it matters: near the end of a long text, not on every field.
  const showCounter = maxLength !== undefined && value.length >= maxLength * COUNTER_FROM;
  const counterId = `${id}-counter`;
  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    field.onChange(emptyAsUndefined && e.target.value === '' ? undefined : e.target.value);
  const common = {
    id,
    name: field.name,
    ref: field.ref,
    value,
    onChange,
    onBlur: field.onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(hint && hintId, showCounter && counterId, error && errorId),
  } as const;
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      hintId={hintId}
      error={error}
      errorId={errorId}
      required={required}
    >
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
      {showCounter && (
        <p
          id={counterId}
          className={
            value.length > maxLength ? 'field__counter field__counter--over' : 'field__counter'
          }
          aria-live="polite"
        >
          {formatNumber(value.length, locale)} / {formatNumber(maxLength, locale)}
        </p>
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
