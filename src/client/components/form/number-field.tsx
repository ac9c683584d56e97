import { useState, type ChangeEvent } from 'react';
import { formatNumber, type AppLocale } from '../../../shared/format/vi-format';
import { useLocale } from '../../lib/use-locale';
import { V } from '../../../shared/validation/messages';
import { useActivityField, type ActivityField } from './use-activity-field';
import { describedBy, FieldFrame } from './field-frame';
import { parseNumberInput, type NumberKind } from '../../../shared/format/number-input';

const NOT_A_NUMBER: Record<NumberKind, string> = {
  count: 'validation.numberCount',
  decimal: 'validation.numberDecimal',
  money: 'validation.numberMoney',
};

interface NumberFieldProps {
  name: ActivityField;
  label: string;
  kind?: NumberKind;
  hint?: string;
  readOnly?: boolean;
}

function display(value: unknown, kind: NumberKind, locale: AppLocale): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return kind === 'money' ? formatNumber(value, locale) : String(value);
}

/**
 * A number typed as text (inputMode numeric: the phone shows its digit pad). The text is kept as
 * typed, so a wrong entry stays visible with its message; the form value is the parsed number.
 */
export function NumberField({ name, label, kind = 'count', hint, readOnly }: NumberFieldProps) {
  const locale = useLocale();
  const { field, error: rawError, id, errorId, hintId, required } = useActivityField(name);
  // "Not a number" says exactly what to type for this kind of box.
  const error = rawError === V.number ? NOT_A_NUMBER[kind] : rawError;
  const [shown, setShown] = useState(() => ({
    text: display(field.value, kind, locale),
    value: field.value,
  }));
  // The value changed from outside (attendee tally, draft restore): show the new value.
  if (!Object.is(shown.value, field.value)) {
    setShown({ text: display(field.value, kind, locale), value: field.value });
  }
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const value = parseNumberInput(e.target.value, kind, locale);
    setShown({ text: e.target.value, value });
    field.onChange(value);
  };
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
      <input
        id={id}
        name={field.name}
        ref={field.ref}
        type="text"
        inputMode={kind === 'decimal' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={shown.text}
        readOnly={readOnly}
        onChange={onChange}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          field.onBlur();
          if (kind === 'money')
            setShown((s) => ({ ...s, text: display(s.value, kind, locale) || s.text }));
        }}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
