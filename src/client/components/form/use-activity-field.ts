import { useController, type Path } from 'react-hook-form';
import type { Activity } from '../../../shared/activity/activity.schema';
import { describedBy } from './field-frame';
import { useActivityFormMeta } from './activity-form-meta';

export type ActivityField = Path<Activity>;

/** Stable DOM ids for a form field, its hint and its error (for aria-describedby). */
export function fieldIds(name: string) {
  const id = `f-${name.replace(/\./g, '-')}`;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint` };
}

/** A controlled field: only this field re-renders when it changes or its error changes. */
export function useActivityField(name: ActivityField) {
  const { field, fieldState } = useController<Activity>({ name });
  const ids = fieldIds(name);
  const error = fieldState.error?.message;
  const meta = useActivityFormMeta();
  return {
    field,
    error,
    ...ids,
    describedBy: describedBy(error && ids.errorId),
    required: meta.required.has(name),
    maxLength: meta.maxLength(name),
  };
}
