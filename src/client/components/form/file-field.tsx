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
}

/** One file picker in the shared frame (a big native button: 48 px, labelled). */
export function FileField({ label, onChange, hint, accept, id: givenId }: FileFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const { hintId } = frameIds(id);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={undefined}>
      <input
        id={id}
        type="file"
        accept={accept}
        style={{ minHeight: 48 }}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-describedby={describedBy(hint && hintId)}
      />
    </FieldFrame>
  );
}
