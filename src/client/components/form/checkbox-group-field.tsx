import { useActivityField, type ActivityField } from './use-activity-field';
import { FieldFrame } from './field-frame';

interface CheckboxGroupFieldProps {
  name: ActivityField;
  legend: string;
  options: { value: string; label: string }[];
}

/** Multi-select as big checkboxes (a native multiple <select> is unusable on phones). */
export function CheckboxGroupField({ name, legend, options }: CheckboxGroupFieldProps) {
  const { field, error, id, errorId, required } = useActivityField(name);
  const selected = Array.isArray(field.value) ? (field.value as string[]) : [];
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...selected, value] : selected.filter((v) => v !== value);
    // Keep the vocabulary's order so records compare equal however they were ticked.
    field.onChange(options.map((o) => o.value).filter((v) => next.includes(v)));
  };
  return (
    <FieldFrame
      id={id}
      label={legend}
      error={error}
      errorId={errorId}
      layout="group"
      required={required}
    >
      {options.map((o, index) => (
        <label key={o.value} className="choice">
          <input
            type="checkbox"
            id={index === 0 ? id : undefined}
            ref={index === 0 ? field.ref : undefined}
            name={field.name}
            value={o.value}
            checked={selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
            aria-invalid={error ? true : undefined}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </FieldFrame>
  );
}
