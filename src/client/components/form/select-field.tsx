import { useActivityField, describedBy, type ActivityField } from './use-activity-field';
import { FieldError } from './field-error';

interface SelectFieldProps {
  name: ActivityField;
  label: string;
  options: { value: string; label: string }[];
  /** Label of the empty choice, if there is one. */
  emptyLabel?: string;
  /** What the empty choice stores: `undefined` for optional enums, '' for required text. */
  emptyValue?: '' | undefined;
}

export function SelectField({ name, label, options, emptyLabel, emptyValue }: SelectFieldProps) {
  const { field, error, id, errorId } = useActivityField(name);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={field.name}
        ref={field.ref}
        value={typeof field.value === 'string' ? field.value : ''}
        onChange={(e) => field.onChange(e.target.value === '' ? emptyValue : e.target.value)}
        onBlur={field.onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
