import { ACTIVITY_TYPES, type ActivityType } from '../activity/activity-enums';
import { formatIsoDate } from '../format/vi-format';
import type { ReportDictionary } from '../i18n/report-labels.vi';
import {
  FORM_INDICATORS,
  SUMMARY_INDICATORS,
  indicatorLabel,
  indicatorValue,
  type Indicator,
} from './report-indicators';
import { regularPeriodOf } from './report-periods';
import { REPORT_MEASURES } from './report-measures';
import type { SummaryReport, UnitFigures } from './summary-report';

// A report as plain tables (header + rows of text and numbers): what the XLSX sheets, the CSV
// file and the print view are made of, so the three always show the same figures.

export type TableCell = string | number;

export interface ReportTable {
  /** Sheet or section name. */
  name: string;
  header: string[];
  rows: TableCell[][];
  /** Index of the total row in `rows` (the last one). */
  totalRow: number;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/** "6 tháng đầu năm 2025 (từ 01/01/2025 đến 30/06/2025)" for a regular period, else the days. */
export function periodLabel(report: SummaryReport, d: ReportDictionary): string {
  const days = { from: formatIsoDate(report.period.from), to: formatIsoDate(report.period.to) };
  const regular = regularPeriodOf(report.period);
  if (regular?.kind === 'first_half' || regular?.kind === 'full_year') {
    return fill(d.report.period.named[regular.kind], { ...days, year: String(regular.year) });
  }
  return fill(d.report.period.range, days);
}

/** A row of the tables: a child unit, figures that fit no single child, or the total. */
export type TableUnit = UnitFigures & { geographyId?: string };

/**
 * Units listed, in table order: the child rows, then the figures that fit no single child (a
 * 2025 commune seen in the 2024 districts it straddles), then the total row (the unit itself) —
 * so the rows of every table add up to its total row, in the exports as on the screen.
 */
export function tableUnits(report: SummaryReport): TableUnit[] {
  return [...report.rows, ...report.unplaced, report.total];
}

/** An unplaced row's code belongs to another geography (codes are reused): it says which. */
function unitCode(row: TableUnit): string {
  return row.geographyId ? `${row.code} (${row.geographyId})` : row.code;
}

function unitName(report: SummaryReport, row: TableUnit, d: ReportDictionary): string {
  if (row.geographyId) {
    return fill(d.report.unplacedRow, { name: row.name, geography: row.geographyId });
  }
  return row === report.total && (report.rows.length > 0 || report.unplaced.length > 0)
    ? `${d.report.total} (${row.name})`
    : row.name;
}

export function summaryTable(report: SummaryReport, d: ReportDictionary): ReportTable {
  const indicators = SUMMARY_INDICATORS;
  const header = [
    d.report.codeColumn,
    d.report.unitColumn,
    ...ACTIVITY_TYPES.map((f) => d.report.sheet[f]),
    ...indicators.map((i) => indicatorLabel(i, d)),
    d.report.drafts,
  ];
  const rows = tableUnits(report).map((row) => [
    unitCode(row),
    unitName(report, row, d),
    ...ACTIVITY_TYPES.map((f) => row.forms[f].activities),
    ...indicators.map((i) => indicatorValue(i, row.total)),
    row.draftTotal,
  ]);
  return { name: d.report.summarySheet, header, rows, totalRow: rows.length - 1 };
}

export function formTable(
  report: SummaryReport,
  form: ActivityType,
  d: ReportDictionary,
): ReportTable {
  const indicators = FORM_INDICATORS[form];
  const header = [
    d.report.codeColumn,
    d.report.unitColumn,
    ...indicators.map((i) => indicatorLabel(i, d)),
    d.report.drafts,
  ];
  const rows = tableUnits(report).map((row) => [
    unitCode(row),
    unitName(report, row, d),
    ...indicators.map((i) => indicatorValue(i, row.forms[form])),
    row.drafts[form],
  ]);
  return { name: d.report.sheet[form], header, rows, totalRow: rows.length - 1 };
}

export function reportTables(report: SummaryReport, d: ReportDictionary): ReportTable[] {
  return [summaryTable(report, d), ...ACTIVITY_TYPES.map((f) => formTable(report, f, d))];
}

const ALL_INDICATORS: readonly Indicator[] = [...REPORT_MEASURES, 'cost_total'];

/**
 * One long table (unit × form, every indicator, and the map the codes belong to — a CSV is often
 * loaded without its file name): the CSV, for filtering and pivoting.
 */
export function flatTable(report: SummaryReport, d: ReportDictionary): ReportTable {
  const header = [
    d.report.codeColumn,
    d.report.unitColumn,
    d.report.formColumn,
    ...ALL_INDICATORS.map((i) => indicatorLabel(i, d)),
    d.report.drafts,
    d.report.mapColumn,
  ];
  const rows: TableCell[][] = [];
  for (const row of tableUnits(report)) {
    const name = unitName(report, row, d);
    for (const form of ACTIVITY_TYPES) {
      rows.push([
        unitCode(row),
        name,
        d.activityType[form],
        ...ALL_INDICATORS.map((i) => indicatorValue(i, row.forms[form])),
        row.drafts[form],
        report.geography,
      ]);
    }
    rows.push([
      unitCode(row),
      name,
      d.report.allForms,
      ...ALL_INDICATORS.map((i) => indicatorValue(i, row.total)),
      row.draftTotal,
      report.geography,
    ]);
  }
  return { name: d.report.summarySheet, header, rows, totalRow: rows.length - 1 };
}
