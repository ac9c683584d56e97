import type { ReportTable, TableCell } from '../../../shared/reports/report-tables';

// RFC 4180 CSV in UTF-8 with a byte-order mark: without the BOM, Excel reads UTF-8 as the
// Windows code page and Vietnamese comes out garbled. Numbers are written plain (no thousands
// separator), so they stay numbers whatever the reader's locale.

const BOM = '\uFEFF';

function cell(value: TableCell): string {
  if (typeof value === 'number') return String(value);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(table: ReportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
