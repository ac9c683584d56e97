import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { vi } from '../../src/shared/i18n/vi';
import { reportLabelsVi } from '../../src/shared/i18n/report-labels.vi';
import { emptyMeasures } from '../../src/shared/reports/report-measures';
import {
  flatTable,
  formTable,
  summaryTable,
  tableUnits,
  type ReportTable,
} from '../../src/shared/reports/report-tables';
import { buildSummaryReport, type FactGroup } from '../../src/shared/reports/summary-report';

// A 2025 commune seen in the 2024 tree whose districts it straddles (Phường Vĩnh Thông took Xã
// Mỹ Lâm of Huyện Hòn Đất) fits no single row: the report keeps it in `unplaced` and in the
// total. The exported tables (XLSX, CSV, print view) must list it too, or an officer adding up
// the rows in Excel finds a total the rows do not make.

const catalog = new GeographyCatalog(defaultGeographies());
const d = { ...vi, report: reportLabelsVi };
const year = { from: '2025-01-01', to: '2025-12-31' };

function group(geographyId: string, communeCode: string, people: number): FactGroup {
  const measures = emptyMeasures();
  measures.activities = 1;
  measures.participants_total = people;
  return { geographyId, communeCode, form: 'community_talk', status: 'complete', measures };
}

const report = buildSummaryReport({
  catalog,
  geographyId: KIEN_GIANG_2024,
  unitCode: '91',
  period: year,
  groups: [
    group(KIEN_GIANG_2024, '30742', 40), // Phường Vĩnh Bảo, in Thành phố Rạch Giá
    group(KIEN_GIANG_2024, '30844', 30), // Xã Mỹ Lâm, in Huyện Hòn Đất
    group(AN_GIANG_2025, '30760', 45), // the new Phường Vĩnh Thông: both districts
  ],
});

/** Every numeric column: the rows above the total add up to the total row. */
function expectRowsAddUp(table: ReportTable) {
  const body = table.rows.filter((_, i) => i !== table.totalRow);
  const total = table.rows[table.totalRow]!;
  total.forEach((cell, c) => {
    if (typeof cell !== 'number') return;
    const sum = body.reduce((s, row) => s + (row[c] as number), 0);
    expect(sum, `${table.name}: ${table.header[c]}`).toBeCloseTo(cell, 6);
  });
}

describe('report tables with figures that fit no single child', () => {
  it('the report itself keeps the 2025 commune apart and in the total', () => {
    expect(report.unplaced.map((u) => [u.geographyId, u.code])).toEqual([[AN_GIANG_2025, '30760']]);
    expect(report.total.total.participants_total).toBe(115);
  });

  it('the summary, each form table and the CSV table add up to their total row', () => {
    expectRowsAddUp(summaryTable(report, d));
    for (const form of ACTIVITY_TYPES) expectRowsAddUp(formTable(report, form, d));
    // The CSV has one line per unit and form plus an all-forms line: per form, they add up.
    const flat = flatTable(report, d);
    const total = report.total.name;
    for (const form of [...ACTIVITY_TYPES.map((f) => d.activityType[f]), d.report.allForms]) {
      const lines = flat.rows.filter((r) => r[flat.header.indexOf(d.report.formColumn)] === form);
      const totalLine = lines.findIndex((r) => String(r[1]).includes(total));
      expectRowsAddUp({ ...flat, rows: lines, totalRow: totalLine });
    }
  });

  it('names the unplaced row so its code cannot be read as a unit of the 2024 tree', () => {
    const table = summaryTable(report, d);
    const row = table.rows.find((r) => String(r[0]).includes('30760'))!;
    // 30760 is also a 2024 ward (the old Phường Vĩnh Thông): the row says which map it is from.
    expect(String(row[0])).toContain(AN_GIANG_2025);
    expect(String(row[1])).toContain('Phường Vĩnh Thông');
    expect(String(row[1])).not.toBe('Phường Vĩnh Thông');
    expect(tableUnits(report).map((u) => u.code)).toEqual(
      table.rows
        .map((r) => r[0])
        .map(String)
        .map((c) => c.split(' ')[0]),
    );
  });
});
