import type { ReportDictionary } from '../i18n/report-labels.vi';
import type { ReportTable, TableCell } from './report-tables';
import type { ReportTargetProgress } from './report-targets';

// Progress towards the year's targets as a plain table — the XLSX "Chỉ tiêu" sheet, the CSV's
// targets part and the print view's "Kết quả thực hiện chỉ tiêu" — one row per unit and
// indicator that has a target: the child units first, then the unit itself (last row).

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/** "Kết quả 6 tháng đầu năm so với chỉ tiêu cả năm 2025" (six months are measured against the year). */
export function targetCaption(p: ReportTargetProgress, d: ReportDictionary): string {
  const t = d.report.targets;
  return fill(p.period === 'first_half' ? t.firstHalf : t.fullYear, { year: String(p.year) });
}

export function targetTable(p: ReportTargetProgress, d: ReportDictionary): ReportTable {
  const t = d.report.targets;
  const header = [
    d.report.codeColumn,
    d.report.unitColumn,
    t.indicatorColumn,
    t.achieved,
    t.target,
    t.percent,
  ];
  const rows: TableCell[][] = [];
  const units = [...p.children, p.unit];
  for (const unit of units) {
    const name =
      unit === p.unit && p.children.length > 0 ? `${d.report.total} (${unit.name})` : unit.name;
    for (const i of unit.indicators) {
      if (i.target === null) continue;
      rows.push([unit.code, name, t.indicator[i.indicator], i.achieved, i.target, i.percent ?? '']);
    }
  }
  return { name: t.sheet, header, rows, totalRow: rows.length - 1 };
}
