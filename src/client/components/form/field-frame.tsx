import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** Label, optional hint and the message under it: the same frame for every kind of input. */
export function FieldFrame(props: {
  id: string;
  label: string;
  hint?: string;
  hintId: string;
  error: string | undefined;
  errorId: string;
  children: ReactNode;
}) {
  const { id, label, hint, hintId, error, errorId, children } = props;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
