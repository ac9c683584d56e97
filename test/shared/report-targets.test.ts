import { describe, expect, it } from 'vitest';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { regularPeriod, regularPeriodOf } from '../../src/shared/reports/report-periods';
import {
  TARGET_INDICATORS,
  achievedValue,
  hasTargets,
  progressOf,
  targetProgress,
  targetSetSchema,
} from '../../src/shared/reports/report-targets';
import { targetCaption, targetTable } from '../../src/shared/reports/report-targets-table';
import { vi } from '../../src/shared/i18n/vi';
import { reportLabelsVi } from '../../src/shared/i18n/report-labels.vi';
import { buildSummaryReport, groupActivities } from '../../src/shared/reports/summary-report';
import { reportFixture } from './support/report-fixtures';

// Targets (chỉ tiêu, issue 10 point 7): achieved values read from the report, hand-computed
// from the report fixture (test/shared/support/report-fixtures.ts, A1–A9).

const catalog = new GeographyCatalog(defaultGeographies());
const activities = reportFixture({ id: 'u-1', name: 'Nguyễn Văn An' });
const firstHalf = regularPeriod('first_half', 2025, 'calendar');
const report = (unitCode: string, period = firstHalf) =>
  buildSummaryReport({
    catalog,
    geographyId: KIEN_GIANG_2024,
    unitCode,
    period,
    groups: groupActivities(activities, period, catalog),
  });

describe('achieved values, read from the report', () => {
  it('the province, first six months of 2025 (calendar)', () => {
    const total = report('91').total;
    const achieved = Object.fromEntries(TARGET_INDICATORS.map((i) => [i, achievedValue(i, total)]));
    expect(achieved).toEqual({
      dialogues: 1, // A1 (A7 is a draft)
      community_talks: 1, // A2 (A8 is after June)
      materials_distributed: 450, // A3 leaflets; its 4 banners are hung, not handed out
      media_items: 3, // A4
      people_reached: 40 + 25 + 20 + 60, // A1, A2, A5, A6
      poor_reached: 10 + 5 + 20,
      near_poor_reached: 6 + 3,
      trainees: 12 + 3 + 5, // A5
    });
  });

  it('a parent’s achieved value is the sum of its children’s', () => {
    const r = report('91');
    for (const id of TARGET_INDICATORS) {
      const sum = r.rows.reduce((s, row) => s + achievedValue(id, row), 0);
      expect(sum).toBe(achievedValue(id, r.total));
    }
    const rachGia = report('899');
    expect(
      achievedValue(
        'dialogues',
        rachGia.rows.find((x) => x.code === '30733')!,
      ),
    ).toBe(1);
    expect(achievedValue('people_reached', rachGia.total)).toBe(65);
  });
});

describe('progress arithmetic', () => {
  it('percent with one decimal below 100, whole from 100', () => {
    expect(progressOf('dialogues', 1, 3)).toEqual({
      indicator: 'dialogues',
      achieved: 1,
      target: 3,
      percent: 33.3,
    });
    expect(progressOf('dialogues', 2, 3).percent).toBe(66.7);
    expect(progressOf('dialogues', 3, 3).percent).toBe(100);
    expect(progressOf('dialogues', 7, 3).percent).toBe(233);
    expect(progressOf('dialogues', 0, 12).percent).toBe(0);
  });

  it('never shows a target as met before it is', () => {
    expect(progressOf('people_reached', 9999, 10000).percent).toBe(99.9);
    expect(progressOf('people_reached', 99_999, 100_000).percent).toBe(99.9);
  });

  it('no target, or a target of 0: no percent', () => {
    expect(progressOf('trainees', 5, null)).toMatchObject({ target: null, percent: null });
    expect(progressOf('trainees', 5, 0)).toMatchObject({ target: 0, percent: null });
  });

  it('a report’s progress for the unit and each child, targets of others ignored', () => {
    const r = report('899');
    const p = targetProgress(
      r,
      [
        { unitCode: '899', indicator: 'dialogues', value: 4 },
        { unitCode: '30733', indicator: 'dialogues', value: 2 },
        { unitCode: '30733', indicator: 'people_reached', value: 120 },
        { unitCode: '900', indicator: 'dialogues', value: 9 },
      ],
      2025,
      'first_half',
    );
    expect(p.unit.code).toBe('899');
    expect(p.unit.indicators.find((i) => i.indicator === 'dialogues')).toEqual({
      indicator: 'dialogues',
      achieved: 1,
      target: 4,
      percent: 25,
    });
    expect(p.children).toHaveLength(12);
    const vinhThanh = p.children.find((c) => c.code === '30733')!;
    expect(vinhThanh.indicators.find((i) => i.indicator === 'people_reached')).toMatchObject({
      achieved: 40,
      target: 120,
      percent: 33.3,
    });
    expect(vinhThanh.indicators.find((i) => i.indicator === 'trainees')!.target).toBeNull();
    expect(hasTargets(p)).toBe(true);
    expect(hasTargets(targetProgress(r, [], 2025, 'full_year'))).toBe(false);
  });
});

describe('the targets table (exports, print view)', () => {
  it('one row per unit and indicator with a target, children first, the unit last', () => {
    const d = { ...vi, report: reportLabelsVi };
    const p = targetProgress(
      report('899'),
      [
        { unitCode: '30733', indicator: 'dialogues', value: 3 },
        { unitCode: '899', indicator: 'poor_reached', value: 100 },
      ],
      2025,
      'first_half',
    );
    const table = targetTable(p, d);
    expect(table.name).toBe('Chỉ tiêu');
    expect(table.header).toEqual([
      'Mã',
      'Đơn vị',
      'Chỉ tiêu',
      'Thực hiện',
      'Chỉ tiêu năm',
      'Tỷ lệ đạt (%)',
    ]);
    expect(table.rows).toEqual([
      ['30733', 'Phường Vĩnh Thanh', 'Số cuộc đối thoại chính sách', 1, 3, 33.3],
      [
        '899',
        'Tổng cộng (Thành phố Rạch Giá)',
        'Lượt người thuộc hộ nghèo được tiếp cận',
        15,
        100,
        15,
      ],
    ]);
    expect(targetCaption(p, d)).toBe('Kết quả 6 tháng đầu năm so với chỉ tiêu cả năm 2025');
  });
});

describe('target set schema', () => {
  const valid = { geography: KIEN_GIANG_2024, unit: '30733', year: 2025, targets: {} };

  it('takes non-negative integers per indicator', () => {
    const parsed = targetSetSchema.parse({ ...valid, targets: { dialogues: 4, trainees: 0 } });
    expect(parsed.targets).toEqual({ dialogues: 4, trainees: 0 });
  });

  it('refuses negatives, fractions, unknown indicators and odd years, with message keys', () => {
    const bad = (targets: unknown, year: unknown = 2025) =>
      targetSetSchema.safeParse({ ...valid, year, targets }).error?.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
    expect(bad({ dialogues: -1 })).toEqual([
      { path: 'targets.dialogues', message: 'validation.nonNegative' },
    ]);
    expect(bad({ dialogues: 1.5 })).toEqual([
      { path: 'targets.dialogues', message: 'validation.integer' },
    ]);
    expect(bad({ dialogues: '4' })).toEqual([
      { path: 'targets.dialogues', message: 'validation.number' },
    ]);
    expect(bad({ households: 3 })?.[0]?.path).toBe('targets');
    expect(bad({}, 1999)).toEqual([{ path: 'year', message: 'validation.invalidValue' }]);
  });
});

describe('regular periods from a from–to', () => {
  it('recognises both bases and both kinds; anything else is ad hoc', () => {
    expect(regularPeriodOf({ from: '2025-01-01', to: '2025-06-30' })).toMatchObject({
      kind: 'first_half',
      year: 2025,
    });
    expect(regularPeriodOf({ from: '2024-12-15', to: '2025-12-14' })).toMatchObject({
      kind: 'full_year',
      year: 2025,
      basis: 'data_cutoff',
    });
    expect(regularPeriodOf({ from: '2025-01-01', to: '2025-06-29' })).toBeNull();
  });
});
