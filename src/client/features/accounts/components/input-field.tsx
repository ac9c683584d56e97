import { useId } from 'react';
import { FieldFrame } from '../../../components/form/field-frame';

/** A plain text input in the shared field frame (label, hint, message key). */
export function InputField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'password';
  autoComplete?: string;
  name?: string;
}) {
  const id = useId();
  const { label, value, onChange, error, hint, type = 'text', autoComplete = 'off', name } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      hintId={`${id}-hint`}
      error={error}
      errorId={`${id}-error`}
    >
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described.length ? described.join(' ') : undefined}
      />
    </FieldFrame>
  );
}
