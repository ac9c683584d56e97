import { useController, type FieldValues, type Path } from 'react-hook-form';
import { fieldIds } from './use-activity-field';
import { NumberInput } from './number-input';

interface FormNumberFieldProps<T extends FieldValues> {
  name: Path<T>;
  label: string;
  hint?: string;
  readOnly?: boolean;
}

/**
 * A whole number of any react-hook-form form other than the activity form (targets…), shown
 * with thousands separators (1.500.000); an empty box is "no value".
 */
export function FormNumberField<T extends FieldValues>(props: FormNumberFieldProps<T>) {
  const { field, fieldState } = useController<T>({ name: props.name });
  const ids = fieldIds(props.name);
  return (
    <NumberInput
      binding={field}
      label={props.label}
      {...ids}
      error={fieldState.error?.message}
      grouped
      emptyIsNone
      hint={props.hint}
      readOnly={props.readOnly}
    />
  );
}
