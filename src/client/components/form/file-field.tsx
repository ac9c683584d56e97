import { useId } from 'react';
import { describedBy, FieldFrame, frameIds } from './field-frame';

export interface FileFieldProps {
  label: string;
  /** Called with the chosen file, or null when the choice is cleared. */
  onChange: (file: File | null) => void;
  hint?: string;
  /** The `accept` filter; none by default (a file from a chat app may have lost its extension). */
  accept?: string;
  id?: string;
  /** A validation message key, shown translated under the picker. */
  error?: string;
  /** Needed to go on: a mark after the label, aria-required on the picker. */
  required?: boolean;
}

/** One file picker in the shared frame (a big native button: 48 px, labelled). */
export function FileField(props: FileFieldProps) {
  const { label, onChange, hint, accept, error, required } = props;
  const generated = useId();
  const id = props.id ?? generated;
  const { hintId, errorId } = frameIds(id);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        type="file"
        accept={accept}
        style={{ minHeight: 48 }}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      />
    </FieldFrame>
  );
}
