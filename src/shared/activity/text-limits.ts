import type { ActivityType } from './activity-enums';
import { activityObjectSchemas } from './activity.schema';

/**
 * The maximum length of a text field of an activity form, read from its zod schema (so the
 * counter under a long text and the refusal on save can never disagree). Undefined for a field
 * that is not a top-level text with a limit.
 */
export function maxTextLength(type: ActivityType, field: string): number | undefined {
  const shape = activityObjectSchemas[type].shape as Record<string, unknown>;
  const schema = shape[field];
  if (typeof schema !== 'object' || schema === null || !('maxLength' in schema)) return undefined;
  const max = (schema as { maxLength: unknown }).maxLength;
  return typeof max === 'number' ? max : undefined;
}
