import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import type { ReportDictionary } from '../../../../shared/i18n/report-labels.vi';
import type { MonthlyActivities } from '../../../../shared/reports/monthly-activities';
import type { ReportMeasure } from '../../../../shared/reports/report-measures';
import type { SummaryReport } from '../../../../shared/reports/summary-report';

// What the report's three charts show, as plain series: drawn by the chart library, and listed
// in a table beside each chart (screen readers, printing, tests).

export interface ChartSeries {
  label: string;
  values: number[];
}

export interface ChartData {
  id: 'month' | 'form' | 'group';
  labels: string[];
  series: ChartSeries[];
  stacked: boolean;
}

/** The target groups of plan 106, poor households first. */
export const TARGET_GROUPS: readonly ReportMeasure[] = [
  'participants_poor',
  'participants_near_poor',
  'participants_newly_out_of_poverty',
  'participants_officials',
  'participants_female',
  'participants_khmer',
  'participants_hoa',
  'participants_other_minority',
];

/** '2026-03' → '03/2026' (dates are dd/MM/yyyy in every language). */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

export function chartData(
  report: SummaryReport,
  monthly: MonthlyActivities | undefined,
  d: ReportDictionary,
): ChartData[] {
  const charts: ChartData[] = [];
  if (monthly) {
    charts.push({
      id: 'month',
      labels: monthly.months.map((m) => monthLabel(m.month)),
      series: ACTIVITY_TYPES.map((f) => ({
        label: d.report.sheet[f],
        values: monthly.months.map((m) => m.forms[f]),
      })),
      stacked: true,
    });
  }
  charts.push({
    id: 'form',
    labels: ACTIVITY_TYPES.map((f) => d.report.sheet[f]),
    series: [
      {
        label: d.report.measure.activities,
        values: ACTIVITY_TYPES.map((f) => report.total.forms[f].activities),
      },
    ],
    stacked: false,
  });
  charts.push({
    id: 'group',
    labels: TARGET_GROUPS.map(
      (m) => d.report.measure[m as keyof ReportDictionary['report']['measure']],
    ),
    series: [
      {
        label: d.report.measure.participants_total,
        values: TARGET_GROUPS.map((m) => report.total.total[m]),
      },
    ],
    stacked: false,
  });
  return charts;
}
