import { z } from 'zod';
import type { Activity } from '../activity/activity.schema';
import { ACTIVITY_TYPES, type ActivityType } from '../activity/activity-enums';
import type { GeographyCatalog } from '../geography/geography-catalog';
import type { UnitRef } from '../geography/geography';
import { inPeriod, type DateRange } from './report-periods';

// Complete activities of a unit per month and form: the report screen's "by month" chart. The
// server counts in SQL (GROUP BY month, geography, commune, form), the phone over its own
// records; both keep only the places wholly within the unit, as the summary report does.

export interface MonthCount {
  geographyId: string;
  communeCode: string;
  /** 'YYYY-MM'. */
  month: string;
  form: ActivityType;
  activities: number;
}

export const monthlyActivitiesSchema = z.object({
  /** Every month of the period, oldest first, with the activities of each form. */
  months: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      forms: z.object(
        Object.fromEntries(ACTIVITY_TYPES.map((f) => [f, z.number()])) as Record<
          ActivityType,
          z.ZodNumber
        >,
      ),
      total: z.number(),
    }),
  ),
});
export type MonthlyActivities = z.infer<typeof monthlyActivitiesSchema>;

/** 'YYYY-MM' of every month the period touches. */
export function monthsOf(range: DateRange): string[] {
  const out: string[] = [];
  let [y, m] = range.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = range.to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) ((m = 1), (y += 1));
  }
}

export function monthlyActivities(
  catalog: GeographyCatalog,
  scope: UnitRef,
  range: DateRange,
  counts: Iterable<MonthCount>,
): MonthlyActivities {
  const byMonth = new Map(
    monthsOf(range).map((month) => [
      month,
      {
        month,
        forms: Object.fromEntries(ACTIVITY_TYPES.map((f) => [f, 0])) as Record<
          ActivityType,
          number
        >,
        total: 0,
      },
    ]),
  );
  const within = new Map<string, boolean>();
  for (const c of counts) {
    const key = `${c.geographyId}\u0000${c.communeCode}`;
    let inside = within.get(key);
    if (inside === undefined) {
      inside = catalog.isWithin({ geographyId: c.geographyId, code: c.communeCode }, scope);
      within.set(key, inside);
    }
    const row = byMonth.get(c.month);
    if (!inside || !row) continue;
    row.forms[c.form] += c.activities;
    row.total += c.activities;
  }
  return { months: [...byMonth.values()] };
}

/** The phone's counting of its own records, equal to the server's SQL. */
export function countByMonth(activities: Iterable<Activity>, range: DateRange): MonthCount[] {
  const counts = new Map<string, MonthCount>();
  for (const a of activities) {
    if (a.status !== 'complete' || !inPeriod(a.date, range)) continue;
    const month = a.date.slice(0, 7);
    const key = `${a.geographyId}\u0000${a.communeCode}\u0000${month}\u0000${a.type}`;
    const c = counts.get(key);
    if (c) c.activities += 1;
    else
      counts.set(key, {
        geographyId: a.geographyId,
        communeCode: a.communeCode,
        month,
        form: a.type,
        activities: 1,
      });
  }
  return [...counts.values()];
}
