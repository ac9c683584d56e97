import type { DueDateRule, SubmittedPeriod } from './province-settings';

// Due dates and lateness of period reports: pure date arithmetic on ISO dates (YYYY-MM-DD,
// Vietnam's calendar day), so the server's status table and the phone agree to the day.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month of a year (month 1–12). */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The due date of a level's report for a period and year, or null when the province set none
 * for that level. A day past the month's end (31/11) is read as its last day.
 */
export function dueDate(
  rules: readonly DueDateRule[],
  period: SubmittedPeriod,
  level: string,
  year: number,
): string | null {
  const rule = rules.find((r) => r.period === period && r.level === level);
  if (!rule) return null;
  const day = Math.min(rule.day, daysIn(year, rule.month));
  return `${pad(year, 4)}-${pad(rule.month)}-${pad(day)}`;
}

const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * How many days late a report is: submitted on `submittedOn` (a Vietnam date), or not yet
 * submitted and still missing `today`. 0 when on time or not yet due; submitting on the due
 * day is on time.
 */
export function daysLate(due: string, submittedOn: string | null, today: string): number {
  return Math.max(0, daysBetween(due, submittedOn ?? today));
}
