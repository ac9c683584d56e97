import { useId, type Ref } from 'react';
import { describedBy, FieldFrame, frameIds } from './field-frame';
import { V } from '../../../shared/validation/messages';

/** An empty drop-down is "chosen", not "typed": its own wording of "required". */
const V_CHOOSE = 'validation.chooseRequired';

export interface SelectOption {
  value: string;
  label: string;
}

export interface ValueSelectFieldProps<V extends string> {
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  options: readonly { value: V; label: string }[];
  /** Label of the empty choice ('' as value), if there is one. */
  emptyLabel?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  id?: string;
  name?: string;
  selectRef?: Ref<HTMLSelectElement>;
  onBlur?: () => void;
}

/** A drop-down held by its caller's state, in the shared frame (the activity form binds it). */
export function ValueSelectField<V extends string>(props: ValueSelectFieldProps<V>) {
  const generated = useId();
  const { label, value, onChange, options, emptyLabel, error, hint } = props;
  const id = props.id ?? generated;
  const { hintId, errorId } = frameIds(id);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error === V.required ? V_CHOOSE : error}
      required={props.required}
      className={props.className}
    >
      <select
        id={id}
        name={props.name}
        ref={props.selectRef}
        value={value}
        onChange={(e) => onChange(e.target.value as V | '')}
        onBlur={props.onBlur}
        aria-invalid={error ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
