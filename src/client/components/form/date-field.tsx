import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, maskDateInput, parseDateInput } from '../../../shared/format/date-input';
import { formatIsoDate } from '../../../shared/format/vi-format';
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

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const shown = (value: unknown) =>
  typeof value !== 'string' ? '' : ISO.test(value) ? formatIsoDate(value) : value;

/**
 * A date typed as dd/MM/yyyy whatever the browser's language (digits only: the slashes come by
 * themselves; ↑/↓ move a day), with a button that opens the phone's own calendar. The form value
 * is the ISO date; an unfinished or impossible date is kept as typed and refused with its message.
 */
export function DateField({ name, label, max, optional }: DateFieldProps) {
  const { t } = useTranslation();
  const { field, error, id, errorId, hintId, required } = useActivityField(name);
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => ({ text: shown(field.value), value: field.value }));
  // Changed from outside (the calendar, a restored draft): show the new value.
  if (!Object.is(text.value, field.value))
    setText({ text: shown(field.value), value: field.value });

  const commit = (typed: string) => {
    const iso = parseDateInput(typed);
    const value = iso ?? (typed === '' && optional ? undefined : typed);
    setText({ text: typed, value });
    field.onChange(value);
  };
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const before = text.text;
    const typed = e.target.value;
    // Digits typed one by one (or pasted) get the dd/MM/yyyy slashes; anything else (deleting,
    // "1/3/2025" with its own slashes) is kept exactly as typed.
    const digitAdded =
      typed.length === before.length + 1 &&
      typed.startsWith(before) &&
      /\d$/.test(typed) &&
      before === maskDateInput(before.replace(/\//g, ''));
    commit(digitAdded || /^\d+$/.test(typed) ? maskDateInput(typed.replace(/\//g, '')) : typed);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const current = typeof field.value === 'string' && ISO.test(field.value) ? field.value : null;
    if (!current) return;
    e.preventDefault();
    const next = addDays(current, e.key === 'ArrowUp' ? 1 : -1);
    if (!max || next <= max) commit(formatIsoDate(next));
  };
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    input.value = typeof field.value === 'string' && ISO.test(field.value) ? field.value : '';
    try {
      input.showPicker();
    } catch {
      // No showPicker (older browser): the typed date still works.
      input.focus();
    }
  };
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
      <div className="date-field">
        <input
          id={id}
          name={field.name}
          ref={field.ref}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('activityForm.datePlaceholder')}
          value={text.text}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onBlur={field.onBlur}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(hintId, error && errorId)}
        />
        <button
          type="button"
          className="btn date-field__open"
          aria-label={t('activityForm.openCalendar', { label })}
          onClick={openPicker}
        >
          <span aria-hidden="true">📅</span>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-field__native"
          tabIndex={-1}
          aria-hidden="true"
          max={max}
          onChange={(e) => e.target.value && commit(formatIsoDate(e.target.value))}
        />
      </div>
    </FieldFrame>
  );
}
