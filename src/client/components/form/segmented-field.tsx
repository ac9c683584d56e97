import { useId } from 'react';
import { FieldFrame } from './field-frame';

/** Two or three big radio buttons side by side, for a choice that changes what follows. */
export function SegmentedField<V extends string>(props: {
  label: string;
  /** Groups the radios; a form field's name where there is one. */
  name: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly { value: V; label: string; lang?: string }[];
  labelHidden?: boolean;
}) {
  const id = useId();
  const { label, name, value, onChange, options, labelHidden } = props;
  return (
    <FieldFrame
      id={`${id}-0`}
      label={label}
      labelHidden={labelHidden}
      error={undefined}
      layout="segmented"
    >
      {options.map((o, index) => (
        <label key={o.value} className="segmented__option" lang={o.lang}>
          <input
            id={`${id}-${index}`}
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </FieldFrame>
  );
}
