import { z } from 'zod';
import { formatIsoDate, todayInVietnam } from '../format/vi-format';
import { problemReason } from '../i18n/problem-message';
import { V } from '../validation/messages';
import { PERIOD_BASES, inPeriod } from './report-periods';
import { SUBMITTED_PERIODS } from './province-settings';

// A unit's submitted period report (issue 10, point 8) as phones and the server see it: the
// period lock. While `state` is 'submitted', no record of the unit's communes dated in the
// period may change; reopening (who, when, why) lifts it. The frozen figures themselves stay on
// the server (GET /api/reports/submissions/history).

const unitRefSchema = z.object({ geographyId: z.string(), code: z.string() });

export const reportSubmissionSchema = z.object({
  /** `${geographyId}~${unitCode}~${period}~${year}`: one submission per unit and period. */
  id: z.string(),
  geographyId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  level: z.string(),
  period: z.enum(SUBMITTED_PERIODS),
  year: z.number().int(),
  basis: z.enum(PERIOD_BASES),
  from: z.iso.date(),
  to: z.iso.date(),
  state: z.enum(['submitted', 'reopened']),
  submittedBy: z.string(),
  submittedAt: z.string(),
  reopenedBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  /** Every commune (of any geography) whose records the submission covers. */
  communes: z.array(unitRefSchema),
});
export type ReportSubmission = z.infer<typeof reportSubmissionSchema>;

export const submissionId = (
  geographyId: string,
  unitCode: string,
  period: string,
  year: number,
): string => `${geographyId}~${unitCode}~${period}~${year}`;

/** Where and when a record happened, enough to know whether a submission covers it. */
export interface LockedPlace {
  geographyId: string;
  communeCode: string;
  date: string;
}

/** The submission that freezes a record with this place and date, if any. */
export function lockOf(
  submissions: readonly ReportSubmission[],
  place: LockedPlace,
): ReportSubmission | undefined {
  return submissions.find(
    (s) =>
      s.state === 'submitted' &&
      inPeriod(place.date, s) &&
      s.communes.some((c) => c.geographyId === place.geographyId && c.code === place.communeCode),
  );
}

// ---- API (validation and OpenAPI) ----

export const submitRequestSchema = z.object({
  /** The caller's own unit when absent. */
  unit: z.string().trim().min(1).max(20).optional(),
  geography: z.string().trim().min(1).max(60).optional(),
  period: z.enum(SUBMITTED_PERIODS),
  year: z.number().int().min(2000).max(2100),
  /** The province's default basis when absent. */
  basis: z.enum(PERIOD_BASES).optional(),
});
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const reopenRequestSchema = submitRequestSchema.omit({ basis: true }).extend({
  // "x" is too short, not missing: the generic too_small message would say "please enter".
  reason: z.string().trim().min(5, { error: V.reasonTooShort }).max(500),
});
export type ReopenRequest = z.infer<typeof reopenRequestSchema>;

export const submissionStatusQuerySchema = z.object({
  unit: z.string().trim().min(1).max(20).optional(),
  geography: z.string().trim().min(1).max(60).optional(),
  period: z.enum(SUBMITTED_PERIODS),
  year: z.coerce.number().int().min(2000).max(2100),
});
export type SubmissionStatusQuery = z.infer<typeof submissionStatusQuerySchema>;

export const submissionStatusRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  /** yyyy-MM-dd; null when the province set no due date for the unit's level. */
  dueDate: z.string().nullable(),
  state: z.enum(['submitted', 'reopened', 'missing']),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  /** Days after the due date it was submitted, or, still missing, it is today. */
  daysLate: z.number().int().min(0),
});
export type SubmissionStatusRow = z.infer<typeof submissionStatusRowSchema>;

export const submissionEventSchema = z.object({
  action: z.enum(['submit', 'reopen']),
  by: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});
export type SubmissionEvent = z.infer<typeof submissionEventSchema>;

export const submissionStatusSchema = z.object({
  /** The unit asked for: its own submission and its history. */
  unit: submissionStatusRowSchema,
  submission: reportSubmissionSchema.nullable(),
  events: z.array(submissionEventSchema),
  /** Whether the caller may submit or reopen this unit's report (their own unit). */
  maySubmit: z.boolean(),
  /** The child units (communes of a province, of a district). */
  children: z.array(submissionStatusRowSchema),
});
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** The push refusal of a change to a record the submission froze (message key and params). */
export function periodLockReason(lock: ReportSubmission) {
  return problemReason('periodLocked', {
    from: formatIsoDate(lock.from),
    to: formatIsoDate(lock.to),
    unit: lock.unitName,
    submittedOn: formatIsoDate(todayInVietnam(Date.parse(lock.submittedAt))),
  });
}
