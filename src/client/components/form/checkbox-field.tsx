import { useActivityField, type ActivityField } from './use-activity-field';

export function CheckboxField({ name, label }: { name: ActivityField; label: string }) {
  const { field, id } = useActivityField(name);
  return (
    <label className="choice" htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        name={field.name}
        ref={field.ref}
        checked={field.value === true}
        onChange={(e) => field.onChange(e.target.checked)}
        onBlur={field.onBlur}
      />
      <span>{label}</span>
    </label>
  );
}
