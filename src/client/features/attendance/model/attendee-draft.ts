import { attendeeSchema, type Attendee } from '../../../../shared/activity/attendee.schema';
import type { Ethnicity, HouseholdCategory, Sex } from '../../../../shared/activity/activity-enums';
import { latestBirthYear } from '../../../../shared/activity/activity-rules';
import { V } from '../../../../shared/validation/messages';

/** One row being typed: text as typed, checked with the shared attendee schema on "add". */
export interface AttendeeDraft {
  fullName: string;
  sex: Sex | '';
  birthYear: string;
  ethnicity: Ethnicity;
  householdCategory: HouseholdCategory;
  isOfficial: boolean;
  phone: string;
}

export const EMPTY_ATTENDEE_DRAFT: AttendeeDraft = {
  fullName: '',
  sex: '',
  birthYear: '',
  ethnicity: 'kinh',
  householdCategory: 'none',
  isOfficial: false,
  phone: '',
};

export function draftOf(a: Attendee): AttendeeDraft {
  return {
    fullName: a.fullName,
    sex: a.sex,
    birthYear: String(a.birthYear),
    ethnicity: a.ethnicity,
    householdCategory: a.householdCategory,
    isOfficial: a.isOfficial,
    phone: a.phone ?? '',
  };
}

export type AttendeeErrors = Partial<Record<keyof AttendeeDraft, string>>;

export function parseAttendeeDraft(
  draft: AttendeeDraft,
  id: string,
): { ok: true; attendee: Attendee } | { ok: false; errors: AttendeeErrors } {
  const year = draft.birthYear.trim();
  const candidate = {
    id,
    fullName: draft.fullName.trim(),
    sex: draft.sex === '' ? undefined : draft.sex,
    birthYear: year === '' ? Number.NaN : /^\d+$/.test(year) ? Number(year) : Number.NaN,
    ethnicity: draft.ethnicity,
    householdCategory: draft.householdCategory,
    isOfficial: draft.isOfficial,
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
  };
  const result = attendeeSchema.safeParse(candidate);
  // Nobody at an activity is born after this year (the schema alone allows up to 2100).
  if (result.success && result.data.birthYear <= latestBirthYear())
    return { ok: true, attendee: result.data };
  const errors: AttendeeErrors = {};
  // An empty box is missing; anything else that is not a year says what to type.
  if (year === '') errors.birthYear = V.required;
  else if (!/^\d{4}$/.test(year) || Number(year) > latestBirthYear())
    errors.birthYear = V.birthYearRange;
  if (result.success) return { ok: false, errors };
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof AttendeeDraft;
    const message = issue.message.startsWith('validation.') ? issue.message : 'validation.required';
    errors[key] ??= message;
  }
  return { ok: false, errors };
}
