import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './field-error';

/**
 * How a field is laid out: `input` is a label above one input; `group` a fieldset whose legend
 * names several checkboxes; `choice` one checkbox with its label beside it (the whole row taps);
 * `segmented` a fieldset of big side-by-side radio buttons.
 */
export type FieldLayout = 'input' | 'group' | 'choice' | 'segmented';

export interface FieldFrameProps {
  /** The id of the input the label names (for a group: of its first input). */
  id: string;
  label: string;
  hint?: string;
  hintId?: string;
  /** A validation message key ('validation.required'); shown translated under the field. */
  error: string | undefined;
  errorId?: string;
  layout?: FieldLayout;
  /**
   * Needed to save the record as complete: a visible mark after the label (the input itself
   * carries aria-required for screen readers).
   */
  required?: boolean;
  /** The label stays for screen readers only (the heading above already says it). */
  labelHidden?: boolean;
  className?: string;
  children: ReactNode;
}

/** aria-describedby of an input: its hint and its message, whichever are shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

/** The ids a field's hint and error get, so that the input can point at them. */
export function frameIds(id: string) {
  return { hintId: `${id}-hint`, errorId: `${id}-error` };
}

/** Label, optional hint and the message under it: the same frame for every kind of input. */
export function FieldFrame(props: FieldFrameProps) {
  const { id, label, hint, error, layout = 'input', className, children } = props;
  const hintId = props.hintId ?? frameIds(id).hintId;
  const errorId = props.errorId ?? frameIds(id).errorId;
  const hintText = hint && (
    <p id={hintId} className="hint">
      {hint}
    </p>
  );
  const message = <FieldError id={errorId} message={error} />;
  // The mark is drawn by CSS (`.is-required::after`, with empty alternative text) so the label's
  // text and accessible name stay the field's name; inputs say it with aria-required, a group
  // (no aria-required on a fieldset) through a hidden description.
  const requiredClass = props.required ? 'is-required' : undefined;
  if (layout === 'choice')
    return (
      <>
        <label className={className ? `choice ${className}` : 'choice'} htmlFor={id}>
          {children}
          <span>{label}</span>
        </label>
        {hintText}
        {message}
      </>
    );
  const frameClass = [
    'field',
    error && 'field--invalid',
    layout === 'group' && 'choices',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  if (layout === 'group' || layout === 'segmented')
    return (
      <fieldset
        className={layout === 'segmented' ? 'segmented' : frameClass}
        aria-describedby={describedBy(props.required && `${id}-required`, error && errorId)}
      >
        <legend className={props.labelHidden ? 'visually-hidden' : requiredClass}>{label}</legend>
        {props.required && <RequiredNote id={`${id}-required`} />}
        {hintText}
        {children}
        {message}
      </fieldset>
    );
  return (
    <div className={frameClass}>
      <label htmlFor={id} className={requiredClass}>
        {label}
      </label>
      {hintText}
      {children}
      {message}
    </div>
  );
}

function RequiredNote({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <span id={id} className="visually-hidden">
      {t('activityForm.requiredMark')}
    </span>
  );
}
