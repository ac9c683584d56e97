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
import type { DB } from '../../db/schema';

const FORMS = new Set<string>(ACTIVITY_TYPES);

/** Report sums, computed by the database from the report columns of `activities`. */
export class ReportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Live activities dated in `range`, summed by geography, commune, form and status; only the
   * communes coded `communeCodes` (null: all; callers place the pairs). One GROUP BY over the (activity_date, id) index's range.
   */
  async factGroups(range: DateRange, communeCodes: readonly string[] | null): Promise<FactGroup[]> {
    let query = this.db
      .selectFrom('activities')
      .select(['geography_id', 'commune_code', 'form', 'status'])
      .select((eb) => [
        eb.fn.countAll().as('activities'),
        ...STORED_MEASURES.map((m) => eb.fn.sum(m).as(m)),
      ])
      .where('activity_date', '>=', range.from)
      .where('activity_date', '<=', range.to)
      .where('deleted', '=', 0);
    if (communeCodes !== null) {
      if (communeCodes.length === 0) return [];
      query = query.where('commune_code', 'in', communeCodes);
    }
    const rows = await query.groupBy(['geography_id', 'commune_code', 'form', 'status']).execute();
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

  /** Complete live activities dated in `range`, counted by month, geography, commune and form. */
  async monthCounts(range: DateRange, communeCodes: readonly string[]): Promise<MonthCount[]> {
    if (communeCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom('activities')
      .select((eb) => [
        eb.fn<string>('substr', ['activity_date', eb.lit(1), eb.lit(7)]).as('month'),
        'geography_id',
        'commune_code',
        'form',
        eb.fn.countAll().as('activities'),
      ])
      .where('activity_date', '>=', range.from)
      .where('activity_date', '<=', range.to)
      .where('deleted', '=', 0)
      .where('status', '=', 'complete')
      .where('commune_code', 'in', communeCodes)
      .groupBy([
        (eb) => eb.fn('substr', ['activity_date', eb.lit(1), eb.lit(7)]),
        'geography_id',
        'commune_code',
        'form',
      ])
      .execute();
    return rows
      .filter((row) => FORMS.has(String(row.form)))
      .map((row) => ({
        month: String(row.month),
        geographyId: String(row.geography_id),
        communeCode: String(row.commune_code),
        form: row.form as ActivityType,
        // PostgreSQL returns counts as strings.
        activities: Number(row.activities),
      }));
  }
}
