import type { Selectable } from 'kysely';
import { STORED_MEASURES } from '../../../shared/reports/report-measures';
import type { DateRange } from '../../../shared/reports/report-periods';
import type { ActivitiesTable, ActivityTotalsTable } from '../../db/schema';

// `activity_totals` (migration 0019): the report columns of live activities summed per month
// and per day. A report reads the whole months of its range from the month rows and only the
// days at its ends from the day rows — at 1,000,000 activities a six-month report reads ~14,000
// month rows instead of ~170,000 activities. The push keeps it current: what a batch changes
// is the difference between its records before and after, summed per bucket, one upsert.

export type TotalsRow = Selectable<ActivityTotalsTable>;
type ActivityRow = Selectable<ActivitiesTable>;

export const TOTALS_KEY_COLUMNS = [
  'grain',
  'bucket',
  'geography_id',
  'commune_code',
  'form',
  'status',
] as const satisfies readonly (keyof TotalsRow)[];
export const TOTALS_VALUE_COLUMNS = ['activities', ...STORED_MEASURES] as const;
export const TOTALS_COLUMNS = [...TOTALS_KEY_COLUMNS, ...TOTALS_VALUE_COLUMNS] as const;

/** What a row adds to the totals: nothing for a tombstone or a row without a date. */
function counts(row: ActivityRow | undefined): row is ActivityRow {
  return row !== undefined && !row.deleted && row.activity_date !== '';
}

/**
 * The rows to add to `activity_totals` for records that were `before` and are now `after`
 * (before undefined: new). Negative figures take away; buckets whose difference is nil are left
 * out, so re-saving an unchanged record writes nothing.
 */
export function totalsDelta(
  pairs: Iterable<{ before: ActivityRow | undefined; after: ActivityRow }>,
): TotalsRow[] {
  const rows = new Map<string, TotalsRow>();
  const totalOf = (grain: 'month' | 'day', bucket: string, row: ActivityRow) => {
    const key = `${grain}|${bucket}|${row.geography_id}|${row.commune_code}|${row.form}|${row.status}`;
    let total = rows.get(key);
    if (!total) {
      total = {
        grain,
        bucket,
        geography_id: row.geography_id,
        commune_code: row.commune_code,
        form: row.form,
        status: row.status,
        activities: 0,
      } as TotalsRow;
      for (const m of STORED_MEASURES) total[m] = 0;
      rows.set(key, total);
    }
    return total;
  };
  // Each measure read (and converted) once per row, for both of its buckets.
  const add = (row: ActivityRow, sign: 1 | -1) => {
    const date = row.activity_date;
    const month = totalOf('month', date.slice(0, 7), row);
    const day = totalOf('day', date, row);
    month.activities += sign;
    day.activities += sign;
    for (const m of STORED_MEASURES) {
      // PostgreSQL returns bigint columns as strings.
      const value = Number(row[m]);
      if (value === 0) continue;
      month[m] += sign * value;
      day[m] += sign * value;
    }
  };
  for (const { before, after } of pairs) {
    if (counts(before)) add(before, -1);
    if (counts(after)) add(after, 1);
  }
  return [...rows.values()].filter((r) => TOTALS_VALUE_COLUMNS.some((c) => r[c] !== 0));
}

export interface TotalsSlice {
  grain: 'month' | 'day';
  from: string;
  to: string;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * The buckets that make up `range` exactly: its whole months as month buckets, the days before
 * the first whole month and after the last as day buckets.
 */
export function totalsSlices(range: DateRange): TotalsSlice[] {
  const { from, to } = range;
  if (to < from) return [];
  // First whole month: `from`'s month if it starts on the 1st, else the next one.
  const start = new Date(dayOf(from));
  if (start.getUTCDate() !== 1) start.setUTCMonth(start.getUTCMonth() + 1, 1);
  // Day after the last whole month: the 1st of the month after `to` if `to` ends its month.
  const end = new Date(dayOf(to) + dayMs);
  if (end.getUTCDate() !== 1) end.setUTCDate(1);
  const firstWhole = start.getTime();
  const afterWhole = end.getTime();
  if (firstWhole >= afterWhole) return [{ grain: 'day', from, to }];
  const slices: TotalsSlice[] = [];
  if (dayOf(from) < firstWhole) slices.push({ grain: 'day', from, to: isoDay(firstWhole - dayMs) });
  slices.push({
    grain: 'month',
    from: isoDay(firstWhole).slice(0, 7),
    to: isoDay(afterWhole - dayMs).slice(0, 7),
  });
  if (afterWhole <= dayOf(to)) slices.push({ grain: 'day', from: isoDay(afterWhole), to });
  return slices;
}
