import { activitySchema } from './activity-record.schema';
import type { Activity } from './activity.schema';
import { refineActivity } from './activity-rules';
import { messageKeyOf } from '../validation/field-errors';

export interface ActivityIssue {
  /** Dotted path of the field ('participants.female'). */
  path: string;
  /** Validation message key ('validation.exceedsTotal'). */
  message: string;
}

export type ActivityCheck =
  { success: true; data: Activity; issues: [] } | { success: false; issues: ActivityIssue[] };

/**
 * Every problem of a record at once, one per field. Zod skips the cross-field rules as soon as
 * one field has the wrong type (an emptied cost box is NaN), so "15 women of 10" would only show
 * after the cost is fixed: here the rules also run on such a record, and a field that already has
 * its own error gets no second one.
 */
export function checkActivity(input: unknown, now: number = Date.now()): ActivityCheck {
  const parsed = activitySchema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data, issues: [] };
  const issues: ActivityIssue[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    issues.push({ path, message });
  };
  for (const issue of parsed.error.issues)
    add(issue.path.map(String).join('.'), messageKeyOf(issue));
  const rulesRan = parsed.error.issues.some((i) => i.code === 'custom');
  if (!rulesRan && looksLikeActivity(input)) {
    try {
      for (const issue of refineActivity(input, now)) add(issue.path.join('.'), issue.message);
    } catch {
      // A record too malformed for the rules: its structural errors say enough.
    }
  }
  return { success: false, issues };
}

function looksLikeActivity(input: unknown): input is Activity {
  if (typeof input !== 'object' || input === null) return false;
  const r = input as Record<string, unknown>;
  return (
    typeof r.type === 'string' && typeof r.participants === 'object' && r.participants !== null
  );
}
