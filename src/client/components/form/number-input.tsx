import { useState, type ChangeEvent, type Ref } from 'react';
import { formatNumber, type AppLocale } from '../../../shared/format/vi-format';
import { parseNumberInput, type NumberKind } from '../../../shared/format/number-input';
import { V } from '../../../shared/validation/messages';
import { useLocale } from '../../lib/use-locale';
import { describedBy, FieldFrame } from './field-frame';

const NOT_A_NUMBER: Record<NumberKind, string> = {
  count: 'validation.numberCount',
  decimal: 'validation.numberDecimal',
  money: 'validation.numberMoney',
};

/** What a number box needs of its form binding (react-hook-form's field, or any state). */
export interface NumberBinding {
  name: string;
  ref?: Ref<HTMLInputElement>;
  value: unknown;
  onChange: (value: number | undefined) => void;
  onBlur: () => void;
}

export interface NumberInputProps {
  binding: NumberBinding;
  label: string;
  id: string;
  errorId: string;
  hintId: string;
  /** A validation message key. */
  error: string | undefined;
  kind?: NumberKind;
  /** Show thousands separators (1.500.000) when the box is filled and after typing. */
  grouped?: boolean;
  /** An empty box means "no value" (undefined), not "not a number". */
  emptyIsNone?: boolean;
  hint?: string;
  readOnly?: boolean;
  required?: boolean;
}

function display(value: unknown, grouped: boolean, locale: AppLocale): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return grouped ? formatNumber(value, locale) : String(value);
}

/**
 * A number typed as text (inputMode numeric: the phone shows its digit pad). The text is kept as
 * typed, so a wrong entry stays visible with its message; the bound value is the parsed number.
 */
export function NumberInput(props: NumberInputProps) {
  const { binding, label, id, errorId, hintId, hint, readOnly, required } = props;
  const kind = props.kind ?? 'count';
  const grouped = props.grouped ?? kind === 'money';
  const locale = useLocale();
  // "Not a number" says exactly what to type for this kind of box.
  const error = props.error === V.number ? NOT_A_NUMBER[kind] : props.error;
  const [shown, setShown] = useState(() => ({
    text: display(binding.value, grouped, locale),
    value: binding.value,
  }));
  // The value changed from outside (attendee tally, draft restore): show the new value.
  if (!Object.is(shown.value, binding.value)) {
    setShown({ text: display(binding.value, grouped, locale), value: binding.value });
  }
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const text = e.target.value;
    const value =
      props.emptyIsNone && text.trim() === '' ? undefined : parseNumberInput(text, kind, locale);
    setShown({ text, value });
    binding.onChange(value);
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
        name={binding.name}
        ref={binding.ref}
        type="text"
        inputMode={kind === 'decimal' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={shown.text}
        readOnly={readOnly}
        onChange={onChange}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          binding.onBlur();
          if (grouped)
            setShown((s) => ({ ...s, text: display(s.value, grouped, locale) || s.text }));
        }}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
