import { useActivityField, type ActivityField } from './use-activity-field';
import { ValueSelectField, type SelectOption } from './value-select-field';

interface SelectFieldProps {
  name: ActivityField;
  label: string;
  options: SelectOption[];
  /** Label of the empty choice, if there is one. */
  emptyLabel?: string;
  /** What the empty choice stores: `undefined` for optional enums, '' for required text. */
  emptyValue?: '' | undefined;
  hint?: string;
}

/** A drop-down bound to an activity form field. */
export function SelectField({
  name,
  label,
  options,
  emptyLabel,
  emptyValue,
  hint,
}: SelectFieldProps) {
  const { field, error, id, required } = useActivityField(name);
  return (
    <ValueSelectField
      id={id}
      name={field.name}
      selectRef={field.ref}
      label={label}
      hint={hint}
      error={error}
      required={required}
      options={options}
      emptyLabel={emptyLabel}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={(value) => field.onChange(value === '' ? emptyValue : value)}
      onBlur={field.onBlur}
    />
  );
}
