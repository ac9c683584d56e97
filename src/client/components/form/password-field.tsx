import { useId, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldFrame, frameIds } from './field-frame';

export interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A validation message key, shown translated under the box. */
  error?: string;
  hint?: string;
  id?: string;
  name?: string;
  autoComplete: 'current-password' | 'new-password';
  /** Needed to submit: a mark after the label, aria-required on the box. */
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A password box with "Hiện / Ẩn": on a phone keyboard a mistyped password is the commonest
 * failed login, and the officer should be able to check what was typed.
 */
export function PasswordField(props: PasswordFieldProps) {
  const { t } = useTranslation();
  const generated = useId();
  const id = props.id ?? generated;
  const [shown, setShown] = useState(false);
  const { hintId, errorId } = frameIds(id);
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      required={props.required}
    >
      <div className="password">
        <input
          id={id}
          name={props.name}
          ref={props.inputRef}
          type={shown ? 'text' : 'password'}
          value={props.value}
          autoComplete={props.autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
          aria-invalid={props.error ? true : undefined}
          aria-required={props.required || undefined}
          aria-describedby={describedBy(props.hint && hintId, props.error && errorId)}
        />
        <button
          type="button"
          className="btn password__toggle"
          aria-controls={id}
          aria-pressed={shown}
          aria-label={shown ? t('app.hidePasswordLabel') : t('app.showPasswordLabel')}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t('app.hidePassword') : t('app.showPassword')}
        </button>
      </div>
    </FieldFrame>
  );
}
