import {
  DEFAULT_PERIOD_BASIS,
  PERIOD_BASES,
  adHocPeriod,
  regularPeriod,
  type DateRange,
  type PeriodBasis,
  type PeriodKind,
} from '../../../../shared/reports/report-periods';
import { V } from '../../../../shared/validation/messages';

// The period picker's state: a regular period (six months or year, on a basis) or any from–to.
// The URL keeps only from/to; the choice is read back from them so a link reopens the same
// picker.

export type PeriodChoice =
  | { kind: Exclude<PeriodKind, 'ad_hoc'>; year: number; basis: PeriodBasis }
  | { kind: 'ad_hoc'; from: string; to: string };

export function rangeOf(choice: PeriodChoice): DateRange | null {
  if (choice.kind === 'ad_hoc') {
    const period = adHocPeriod(choice.from, choice.to);
    return period && { from: period.from, to: period.to };
  }
  const { from, to } = regularPeriod(choice.kind, choice.year, choice.basis);
  return { from, to };
}

/** The period in progress on `today`: the first six months until 30/06, then the year. */
export function defaultChoice(
  today: string,
  basis: PeriodBasis = DEFAULT_PERIOD_BASIS,
): PeriodChoice {
  const year = Number(today.slice(0, 4));
  for (const kind of ['first_half', 'full_year'] as const) {
    // A Decree-09 period of next year starts on 15/12 of this one.
    for (const y of [year, year + 1]) {
      const p = regularPeriod(kind, y, basis);
      if (today >= p.from && today <= p.to) return { kind, year: y, basis };
    }
  }
  return { kind: 'full_year', year, basis };
}

/** The choice a from–to stands for: a regular period if it is one, else ad hoc. */
export function choiceOf(
  range: DateRange,
  preferred: PeriodBasis = DEFAULT_PERIOD_BASIS,
): PeriodChoice {
  const year = Number(range.to.slice(0, 4));
  const bases = [preferred, ...PERIOD_BASES.filter((b) => b !== preferred)];
  for (const basis of bases) {
    for (const kind of ['first_half', 'full_year'] as const) {
      const p = regularPeriod(kind, year, basis);
      if (p.from === range.from && p.to === range.to) return { kind, year, basis };
    }
  }
  return { kind: 'ad_hoc', from: range.from, to: range.to };
}

export interface AdHocErrors {
  from?: string;
  to?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with an ad hoc from–to, as message keys on the box to fix: a date that is not
 * one (dd/MM/yyyy, a real day), or an end before the start (the same day is a one-day report).
 */
export function adHocErrors(from: string, to: string): AdHocErrors {
  const errors: AdHocErrors = {};
  if (!realDay(from)) errors.from = V.invalidDate;
  if (!realDay(to)) errors.to = V.invalidDate;
  if (!errors.from && !errors.to && to < from) errors.to = V.endBeforeStart;
  return errors;
}

/**
 * The same checks for a from–to where either end may be left empty (no bound): the records
 * browser's dates.
 */
export function openRangeErrors(from: string, to: string): AdHocErrors {
  const errors: AdHocErrors = {};
  if (from && !realDay(from)) errors.from = V.invalidDate;
  if (to && !realDay(to)) errors.to = V.invalidDate;
  if (from && to && !errors.from && !errors.to && to < from) errors.to = V.endBeforeStart;
  return errors;
}

function realDay(date: string): boolean {
  return ISO.test(date) && adHocPeriod(date, date) !== null;
}
