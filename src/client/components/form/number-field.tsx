import type { NumberKind } from '../../../shared/format/number-input';
import { useActivityField, type ActivityField } from './use-activity-field';
import { NumberInput } from './number-input';

interface NumberFieldProps {
  name: ActivityField;
  label: string;
  kind?: NumberKind;
  hint?: string;
  readOnly?: boolean;
}

/** A number of the activity form (money shown as 1.500.000 once typed). */
export function NumberField({ name, label, kind = 'count', hint, readOnly }: NumberFieldProps) {
  const { field, error, id, errorId, hintId, required } = useActivityField(name);
  return (
    <NumberInput
      binding={field}
      label={label}
      id={id}
      errorId={errorId}
      hintId={hintId}
      error={error}
      kind={kind}
      hint={hint}
      readOnly={readOnly}
      required={required}
    />
  );
}
