// Reporting periods of plan 106/KH-UBND (section V: every six months, yearly, ad hoc) as data.
// Each regular period exists on two bases: the calendar, and the official data cut-off of
// Decree 09/2019/NĐ-CP (art. 12: from 15/12 of the year before to 14/06, or to 14/12). The
// province picks the default basis; an ad hoc report takes any from–to.

export const PERIOD_KINDS = ['first_half', 'full_year', 'ad_hoc'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_BASES = ['calendar', 'data_cutoff'] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];

/** A day of the year relative to the report's year (`yearOffset` -1: the year before). */
interface DayOfYear {
  yearOffset: 0 | -1;
  month: number;
  day: number;
}

interface PeriodDefinition {
  kind: Exclude<PeriodKind, 'ad_hoc'>;
  basis: PeriodBasis;
  from: DayOfYear;
  to: DayOfYear;
}

export const PERIOD_DEFINITIONS: readonly PeriodDefinition[] = [
  {
    kind: 'first_half',
    basis: 'calendar',
    from: { yearOffset: 0, month: 1, day: 1 },
    to: { yearOffset: 0, month: 6, day: 30 },
  },
  {
    kind: 'full_year',
    basis: 'calendar',
    from: { yearOffset: 0, month: 1, day: 1 },
    to: { yearOffset: 0, month: 12, day: 31 },
  },
  {
    kind: 'first_half',
    basis: 'data_cutoff',
    from: { yearOffset: -1, month: 12, day: 15 },
    to: { yearOffset: 0, month: 6, day: 14 },
  },
  {
    kind: 'full_year',
    basis: 'data_cutoff',
    from: { yearOffset: -1, month: 12, day: 15 },
    to: { yearOffset: 0, month: 12, day: 14 },
  },
];

export const DEFAULT_PERIOD_BASIS: PeriodBasis = 'calendar';

/** Inclusive ISO dates (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}

export interface ReportPeriod extends DateRange {
  kind: PeriodKind;
  /** The report's year; null for ad hoc. */
  year: number | null;
  basis: PeriodBasis | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (year: number, d: DayOfYear) =>
  `${pad(year + d.yearOffset, 4)}-${pad(d.month)}-${pad(d.day)}`;

export function regularPeriod(
  kind: Exclude<PeriodKind, 'ad_hoc'>,
  year: number,
  basis: PeriodBasis,
): ReportPeriod {
  const def = PERIOD_DEFINITIONS.find((d) => d.kind === kind && d.basis === basis);
  if (!def) throw new Error(`No period ${kind}/${basis}`);
  return { kind, year, basis, from: isoDay(year, def.from), to: isoDay(year, def.to) };
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** An ad hoc period, or null when the dates are not valid or `to` is before `from`. */
export function adHocPeriod(from: string, to: string): ReportPeriod | null {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return null;
  return { kind: 'ad_hoc', year: null, basis: null, from, to };
}

/** Whether an activity dated `date` counts in the period (ISO dates compare as strings). */
export function inPeriod(date: string, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}

/** The regular period (six months or year, on either basis) a from–to is, or null (ad hoc). */
export function regularPeriodOf(range: DateRange): ReportPeriod | null {
  const year = Number(range.to.slice(0, 4));
  for (const def of PERIOD_DEFINITIONS) {
    const p = regularPeriod(def.kind, year, def.basis);
    if (p.from === range.from && p.to === range.to) return p;
  }
  return null;
}
