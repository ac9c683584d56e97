import { useId, type Ref } from 'react';
import { describedBy, FieldFrame, frameIds } from './field-frame';

export interface InputFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A validation message key, shown translated under the box. */
  error?: string;
  hint?: string;
  /** A stable id when something outside points at the box; a generated one otherwise. */
  id?: string;
  type?: 'text' | 'password' | 'search' | 'tel' | 'date';
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  placeholder?: string;
  autoComplete?: string;
  autoCapitalize?: 'none' | 'words';
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  /** Needed to submit: a mark after the label, aria-required on the box. */
  required?: boolean;
}

/** A text box held by its caller's state (outside the activity form), in the shared frame. */
export function InputField(props: InputFieldProps) {
  const generated = useId();
  const { label, value, onChange, error, hint, type = 'text', autoComplete = 'off' } = props;
  const id = props.id ?? generated;
  const { hintId, errorId } = frameIds(id);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={props.required}
      className={props.className}
    >
      <input
        id={id}
        name={props.name}
        ref={props.inputRef}
        type={type}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        value={value}
        autoComplete={autoComplete}
        autoCapitalize={props.autoCapitalize ?? 'none'}
        spellCheck={type === 'search' ? undefined : false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
