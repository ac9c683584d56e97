import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import {
  countByMonth,
  monthlyActivities,
  type MonthlyActivities,
} from '../../../../shared/reports/monthly-activities';
import type { DateRange } from '../../../../shared/reports/report-periods';
import { buildSummaryReport, groupActivities } from '../../../../shared/reports/summary-report';
import type { SummaryWithTargets } from '../../../../shared/reports/report-api';
import { reportProgress, targetsOfSets } from '../../../../shared/reports/report-targets';
import { activityOf } from '../../../db/activity-search';
import { targetSetsOf } from '../../../db/report-target-write';
import { withReopen, type AppDb } from '../../../db/app-db';

export interface LocalReport {
  /** With progress towards the year's targets pulled for the commune (as the server's). */
  report: SummaryWithTargets;
  monthly: MonthlyActivities;
  /** Records in the period not yet acknowledged by the server (counted here, not there yet). */
  unsynced: number;
}

/**
 * A unit's report from the records on this phone, with the same definition the server uses
 * (src/shared/reports): a commune officer's report offline. Reads only; deleted records and
 * those outside the unit do not count.
 */
export async function localSummary(
  db: AppDb,
  catalog: GeographyCatalog,
  geographyId: string,
  unitCode: string,
  period: DateRange,
): Promise<LocalReport> {
  const rows = await withReopen(db, () =>
    db.activities.filter((row) => row.localMeta.deleted === 0).toArray(),
  );
  const inPeriod = rows.filter((r) => r.date >= period.from && r.date <= period.to);
  const report = buildSummaryReport({
    catalog,
    geographyId,
    unitCode,
    period,
    groups: groupActivities(inPeriod.map(activityOf), period, catalog),
  });
  const scope = { geographyId, code: unitCode };
  const monthly = monthlyActivities(
    catalog,
    scope,
    period,
    countByMonth(inPeriod.map(activityOf), period),
  );
  const unsynced = inPeriod.filter(
    (r) =>
      r.localMeta.pendingMutations > 0 &&
      catalog.isWithin({ geographyId: r.geographyId, code: r.communeCode }, scope),
  ).length;
  // The same arithmetic as the server's, on the targets this phone pulled for its commune.
  const targets = await reportProgress(report, async (units, year) =>
    targetsOfSets(await withReopen(db, () => targetSetsOf(db, geographyId, units, year))),
  );
  return { report: { ...report, targets }, monthly, unsynced };
}
