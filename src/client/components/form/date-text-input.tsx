import { useRef, useState, type ChangeEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, maskDateInput, parseDateInput } from '../../../shared/format/date-input';
import { formatIsoDate } from '../../../shared/format/vi-format';

export interface DateTextInputProps {
  id: string;
  /** The calendar button's accessible name says which date it opens. */
  label: string;
  /** An ISO date, or the text as typed while it is not (yet) a date; undefined = empty. */
  value: unknown;
  /** The ISO date once the text is one; else the text as typed (or undefined if optional). */
  onChange: (value: string | undefined) => void;
  /** Latest day the calendar and the arrow keys reach (ISO). */
  max?: string;
  /** An empty box gives undefined rather than ''. */
  optional?: boolean;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const shown = (value: unknown) =>
  typeof value !== 'string' ? '' : ISO.test(value) ? formatIsoDate(value) : value;

/**
 * A date typed as dd/MM/yyyy whatever the browser's language (digits only: the slashes come by
 * themselves; ↑/↓ move a day), with a button that opens the phone's own calendar. An unfinished
 * or impossible date is kept as typed, for the caller to refuse with its message.
 */
export function DateTextInput(props: DateTextInputProps) {
  const { t } = useTranslation();
  const { id, label, value, max, optional } = props;
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => ({ text: shown(value), value }));
  // Changed from outside (the calendar, a restored draft, a new URL): show the new value.
  if (!Object.is(text.value, value)) setText({ text: shown(value), value });

  const commit = (typed: string) => {
    const iso = parseDateInput(typed);
    const next = iso ?? (typed === '' && optional ? undefined : typed);
    setText({ text: typed, value: next });
    props.onChange(next);
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
    // A "-" right after digits we gave slashes to: an ISO date typed key by key ("2025-…"),
    // whose "20/25" was our guess: the slashes go.
    const isoStarted =
      typed === `${before}-` &&
      before.includes('/') &&
      before === maskDateInput(before.replace(/\//g, ''));
    if (isoStarted) return commit(typed.replace(/\//g, ''));
    commit(digitAdded || /^\d+$/.test(typed) ? maskDateInput(typed.replace(/\//g, '')) : typed);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const current = typeof value === 'string' && ISO.test(value) ? value : null;
    if (!current) return;
    e.preventDefault();
    const next = addDays(current, e.key === 'ArrowUp' ? 1 : -1);
    if (!max || next <= max) commit(formatIsoDate(next));
  };
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    input.value = typeof value === 'string' && ISO.test(value) ? value : '';
    try {
      input.showPicker();
    } catch {
      // No showPicker (older browser): the typed date still works.
      input.focus();
    }
  };
  return (
    <div className="date-field">
      <input
        id={id}
        name={props.name}
        ref={props.inputRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('activityForm.datePlaceholder')}
        value={text.text}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={props.onBlur}
        aria-invalid={props.invalid ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={props.describedBy}
      />
      <button
        type="button"
        className="btn date-field__open"
        aria-label={t('activityForm.openCalendar', { label })}
        onClick={openPicker}
      >
        <CalendarIcon />
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
  );
}

// Drawn, not an emoji: a phone (or headless Chromium) without a colour-emoji font showed a
// missing-glyph box. The button's name is its aria-label; the drawing is hidden from readers.
function CalendarIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
      <path d="M7.5 14h2M11 14h2M14.5 14h2M7.5 17.5h2M11 17.5h2" />
    </svg>
  );
}
