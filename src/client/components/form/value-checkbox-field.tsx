import { useId, type Ref } from 'react';
import { describedBy, FieldFrame, frameIds } from './field-frame';

/** One checkbox held by its caller's state, label beside it, in the shared frame. */
export function ValueCheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  id?: string;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
}) {
  const generated = useId();
  const { label, checked, onChange, error } = props;
  const id = props.id ?? generated;
  return (
    <FieldFrame id={id} label={label} error={error} layout="choice">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        ref={props.inputRef}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={props.onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && frameIds(id).errorId)}
      />
    </FieldFrame>
  );
}
