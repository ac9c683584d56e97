import type { Kysely } from 'kysely';
import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/activity/activity-enums';
import {
  STORED_MEASURES,
  emptyMeasures,
  type Measures,
} from '../../../shared/reports/report-measures';
import type { DateRange } from '../../../shared/reports/report-periods';
import type { FactGroup } from '../../../shared/reports/summary-report';
import type { MonthCount } from '../../../shared/reports/monthly-activities';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import { totalsSlices } from './report-totals';

const FORMS = new Set<string>(ACTIVITY_TYPES);

/** Report sums, computed by the database from `activity_totals` (the report columns, summed). */
export class ReportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Live activities dated in `range`, summed by geography, commune, form and status; only the
   * communes coded `communeCodes` (null: all; callers place the pairs). Summed from
   * `activity_totals`: the range's whole months and the days at its ends (report-totals.ts).
   */
  async factGroups(range: DateRange, communeCodes: readonly string[] | null): Promise<FactGroup[]> {
    if (communeCodes !== null && communeCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom(this.slices(range, communeCodes).as('t'))
      .select(['geography_id', 'commune_code', 'form', 'status'])
      .select((eb) => [
        eb.fn.sum<number>('activities').as('activities'),
        ...STORED_MEASURES.map((m) => eb.fn.sum(m).as(m)),
      ])
      .groupBy(['geography_id', 'commune_code', 'form', 'status'])
      // Buckets whose activities were all deleted or moved away stay, at zero.
      .having((eb) => eb.fn.sum('activities'), '>', 0)
      .execute();
    const groups: FactGroup[] = [];
    for (const row of rows as unknown as Record<string, string | number>[]) {
      // Rows written before a form existed (or by a newer server) are not guessed at.
      if (!FORMS.has(String(row.form))) continue;
      const measures: Measures = emptyMeasures();
      // PostgreSQL returns bigint sums as strings.
      measures.activities = Number(row.activities);
      for (const m of STORED_MEASURES) measures[m] = Number(row[m] ?? 0);
      groups.push({
        geographyId: String(row.geography_id),
        communeCode: String(row.commune_code),
        form: row.form as ActivityType,
        status: row.status === 'draft' ? 'draft' : 'complete',
        measures,
      });
    }
    return groups;
  }

  /** The `activity_totals` rows that make up `range` exactly (month rows and day rows). */
  private slices(range: DateRange, communeCodes: readonly string[] | null) {
    const parts = totalsSlices(range).map((slice) => {
      let part = this.db
        .selectFrom('activity_totals')
        .selectAll()
        .where('grain', '=', slice.grain)
        .where('bucket', '>=', slice.from)
        .where('bucket', '<=', slice.to);
      if (communeCodes !== null) part = part.where('commune_code', 'in', communeCodes);
      return part;
    });
    if (parts.length === 0) {
      // An empty range: a query with no rows of the same shape.
      return this.db.selectFrom('activity_totals').selectAll().where('grain', '=', '');
    }
    return parts.slice(1).reduce((all, part) => all.unionAll(part), parts[0]!);
  }

  /** Complete live activities dated in `range`, counted by month, geography, commune and form. */
  async monthCounts(range: DateRange, communeCodes: readonly string[]): Promise<MonthCount[]> {
    if (communeCodes.length === 0) return [];
    // A month bucket is yyyy-MM, a day bucket yyyy-MM-dd: both start with their month.
    const month = sql<string>`substr(bucket, 1, 7)`;
    const rows = await this.db
      .selectFrom(this.slices(range, communeCodes).as('t'))
      .select((eb) => [
        month.as('month'),
        'geography_id',
        'commune_code',
        'form',
        eb.fn.sum<number>('activities').as('activities'),
      ])
      .where('status', '=', 'complete')
      .groupBy([month, 'geography_id', 'commune_code', 'form'])
      .having((eb) => eb.fn.sum('activities'), '>', 0)
      .execute();
    return rows
      .filter((row) => FORMS.has(String(row.form)))
      .map((row) => ({
        month: String(row.month),
        geographyId: String(row.geography_id),
        communeCode: String(row.commune_code),
        form: row.form as ActivityType,
        // PostgreSQL returns sums as strings.
        activities: Number(row.activities),
      }));
  }
}
