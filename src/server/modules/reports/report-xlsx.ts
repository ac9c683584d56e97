import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node';
import type { ReportDictionary } from '../../../shared/i18n/report-labels.vi';
import { periodLabel, reportTables, type ReportTable } from '../../../shared/reports/report-tables';
import type { SummaryReport } from '../../../shared/reports/summary-report';

// The report as an .xlsx workbook: a summary sheet and one sheet per activity form, each with a
// title, the unit and period, Vietnamese column headers, numbers stored as numbers, and the
// total row in bold.

const TITLE_ROWS = 3;

function sheetOf(report: SummaryReport, table: ReportTable, d: ReportDictionary): Sheet<Buffer> {
  const title: Row = [{ value: d.report.title, fontWeight: 'bold', fontSize: 14 }];
  const subtitle: Row = [`${report.unit.qualifiedName} — ${periodLabel(report, d)}`];
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
        ? { value, type: Number, format: '#,##0.##', ...bold }
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

export async function toXlsx(report: SummaryReport, d: ReportDictionary): Promise<Buffer> {
  const sheets = reportTables(report, d).map((table) => sheetOf(report, table, d));
  return writeXlsxFile(sheets, { fontFamily: 'Times New Roman', fontSize: 12 }).toBuffer();
}
