import { useActivityField, type ActivityField } from './use-activity-field';
import { ValueCheckboxField } from './value-checkbox-field';

/** A yes/no activity form field. */
export function CheckboxField({ name, label }: { name: ActivityField; label: string }) {
  const { field, error, id } = useActivityField(name);
  return (
    <ValueCheckboxField
      id={id}
      name={field.name}
      inputRef={field.ref}
      label={label}
      error={error}
      checked={field.value === true}
      onChange={field.onChange}
      onBlur={field.onBlur}
    />
  );
}
