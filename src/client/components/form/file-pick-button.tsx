import { useId } from 'react';

/**
 * A big button that opens the camera (`capture`) or the gallery and hands the picked files over.
 * The file input is hidden inside its label, so the whole 48 px button taps and the picker opens.
 */
export function FilePickButton(props: {
  label: string;
  onPick: (files: File[]) => void;
  accept?: string;
  /** Straight to the rear camera on a phone (ignored where there is none). */
  capture?: boolean;
  multiple?: boolean;
  disabled?: boolean;
  primary?: boolean;
  testId?: string;
}) {
  const id = useId();
  return (
    <label
      className={props.primary ? 'btn btn--primary file-pick' : 'btn file-pick'}
      htmlFor={id}
      style={{ minHeight: 48 }}
      aria-disabled={props.disabled || undefined}
    >
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={props.accept ?? 'image/*'}
        capture={props.capture ? 'environment' : undefined}
        multiple={props.multiple}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so picking the same file again fires a change too.
          e.target.value = '';
          if (files.length > 0) props.onPick(files);
        }}
      />
      {props.label}
    </label>
  );
}
