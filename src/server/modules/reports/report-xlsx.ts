import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node';
import type { ReportDictionary } from '../../../shared/i18n/report-labels.vi';
import type { SummaryWithTargets } from '../../../shared/reports/report-api';
import { periodLabel, reportTables, type ReportTable } from '../../../shared/reports/report-tables';
import { hasTargets, type ReportTargetProgress } from '../../../shared/reports/report-targets';
import { targetCaption, targetTable } from '../../../shared/reports/report-targets-table';
import type { SummaryReport } from '../../../shared/reports/summary-report';

// The report as an .xlsx workbook: a summary sheet and one sheet per activity form, each with a
// title, the unit and period, Vietnamese column headers, numbers stored as numbers, and the
// total row in bold.

const TITLE_ROWS = 3;

function sheetOf(
  report: SummaryReport,
  table: ReportTable,
  d: ReportDictionary,
  mapName: string,
): Sheet<Buffer> {
  const title: Row = [{ value: d.report.title, fontWeight: 'bold', fontSize: 14 }];
  // The map its codes belong to (codes are reused: 91 was Kiên Giang, is An Giang).
  const subtitle: Row = [
    `${report.unit.qualifiedName} — ${periodLabel(report, d)} — ${d.report.ofMap.replace('{{map}}', mapName)}`,
  ];
  const header: Row = table.header.map((value): Cell => ({
    value,
    fontWeight: 'bold',
    wrap: true,
    align: 'center',
  }));
  const rows: Row[] = table.rows.map((row, i) =>
    row.map((value): Cell => {
      const bold = i === table.totalRow ? ({ fontWeight: 'bold' } as const) : {};
      return typeof value === 'number'
        ? // Excel shows "#,##0.##" as "265." for a whole number: decimals only where there are.
          { value, type: Number, format: Number.isInteger(value) ? '#,##0' : '#,##0.0', ...bold }
        : { value, type: String, ...bold };
    }),
  );
  const data: Row[] = [title, subtitle, [], header, ...rows];
  if (table.name === d.report.summarySheet && report.completeness.silentChildren.length > 0) {
    data.push(
      [],
      [
        `${d.report.silentChildren}: ${report.completeness.silentChildren.map((u) => u.name).join(', ')}`,
      ],
    );
  }
  return {
    data,
    sheet: table.name,
    stickyRowsCount: TITLE_ROWS + 1,
    columns: table.header.map((_, i) => ({ width: i === 0 ? 8 : i === 1 ? 32 : 14 })),
  };
}

/** Chỉ tiêu: per unit and indicator, achieved, the year's target and % (an Excel percentage). */
function targetSheet(
  report: SummaryReport,
  progress: ReportTargetProgress,
  d: ReportDictionary,
): Sheet<Buffer> {
  const table = targetTable(progress, d);
  const percentColumn = table.header.length - 1;
  const header: Row = table.header.map((value): Cell => ({
    value,
    fontWeight: 'bold',
    wrap: true,
    align: 'center',
  }));
  const rows: Row[] = table.rows.map((row, r) =>
    row.map((value, c): Cell => {
      const bold = r === table.totalRow ? ({ fontWeight: 'bold' } as const) : {};
      if (typeof value !== 'number') return { value, type: String, ...bold };
      return c === percentColumn
        ? // 33.3 → 0.333 exactly (not 0.33299…), shown as 33,3 %.
          { value: Math.round(value * 10) / 1000, type: Number, format: '0.0%', ...bold }
        : { value, type: Number, format: '#,##0', ...bold };
    }),
  );
  return {
    data: [
      [
        {
          value: d.report.targets.title.replace('{{year}}', String(progress.year)),
          fontWeight: 'bold',
          fontSize: 14,
        },
      ],
      [`${report.unit.qualifiedName} — ${targetCaption(progress, d)}`],
      [],
      header,
      ...rows,
    ],
    sheet: table.name,
    stickyRowsCount: TITLE_ROWS + 1,
    columns: [
      { width: 8 },
      { width: 32 },
      { width: 40 },
      { width: 14 },
      { width: 14 },
      { width: 14 },
    ],
  };
}

export async function toXlsx(
  report: SummaryWithTargets,
  d: ReportDictionary,
  mapName: string,
): Promise<Buffer> {
  const sheets = reportTables(report, d).map((table) => sheetOf(report, table, d, mapName));
  if (report.targets && hasTargets(report.targets)) {
    sheets.push(targetSheet(report, report.targets, d));
  }
  return writeXlsxFile(sheets, { fontFamily: 'Times New Roman', fontSize: 12 }).toBuffer();
}
