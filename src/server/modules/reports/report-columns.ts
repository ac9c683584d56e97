import type { Activity } from '../../../shared/activity/activity.schema';
import { activityMeasures, STORED_MEASURES } from '../../../shared/reports/report-measures';
import { recordSearchText } from '../../../shared/records/record-search-text';
import type { ReportColumnValues } from '../../db/schema';

// The report columns of an `activities` row (and the records browser's search text), from the
// record being written. Kept in the same
// row (and the same INSERT) as the rest of the current state, so a push pays no extra statement.

export const REPORT_DIMENSION_COLUMNS = ['form', 'status', 'activity_date', 'search_text'] as const;
export const REPORT_COLUMN_NAMES = [...REPORT_DIMENSION_COLUMNS, ...STORED_MEASURES] as const;

export function reportColumns(activity: Activity): ReportColumnValues {
  const measures = activityMeasures(activity);
  const row = {
    form: activity.type,
    status: activity.status,
    activity_date: activity.date,
    search_text: recordSearchText(activity),
  } as ReportColumnValues;
  for (const m of STORED_MEASURES) row[m] = measures[m];
  return row;
}
