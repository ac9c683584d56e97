import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activitySchema } from '../../src/shared/activity/activity-record.schema';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { vi } from '../../src/shared/i18n/vi';
import { reportLabelsVi } from '../../src/shared/i18n/report-labels.vi';
import {
  FORM_INDICATORS,
  indicatorLabel,
  indicatorValue,
} from '../../src/shared/reports/report-indicators';
import { REPORT_MEASURES, emptyMeasures } from '../../src/shared/reports/report-measures';
import { adHocPeriod, regularPeriod } from '../../src/shared/reports/report-periods';
import {
  buildSummaryReport,
  groupActivities,
  type FactGroup,
  type UnitFigures,
} from '../../src/shared/reports/summary-report';
import { reportFixture } from './support/report-fixtures';

const catalog = new GeographyCatalog(defaultGeographies());
const tree = catalog.tree(KIEN_GIANG_2024);
const activities = reportFixture({ id: 'u-1', name: 'Nguyễn Văn An' });
const firstHalf = regularPeriod('first_half', 2025, 'calendar');

function report(unitCode: string, period = firstHalf, geographyId = KIEN_GIANG_2024) {
  return buildSummaryReport({
    catalog,
    geographyId,
    unitCode,
    period,
    groups: groupActivities(activities, period, catalog),
  });
}

const row = (r: { rows: UnitFigures[] }, code: string) => r.rows.find((x) => x.code === code)!;

describe('fixture records', () => {
  it('are valid activities (the server would accept them)', () => {
    for (const a of activities) expect(activitySchema.safeParse(a).error).toBeUndefined();
  });
});

describe('province six-month report (calendar), hand-computed', () => {
  const r = report('91');

  it('counts complete activities per form and lists the draft apart', () => {
    const t = r.total;
    expect(t.total.activities).toBe(6);
    expect(Object.fromEntries(ACTIVITY_TYPES.map((f) => [f, t.forms[f].activities]))).toEqual({
      dialogue: 1,
      community_talk: 1,
      printed_materials: 1,
      mass_media: 1,
      training: 1,
      emulation: 1,
      other: 0,
    });
    expect(t.drafts.dialogue).toBe(1);
    expect(t.draftTotal).toBe(1);
  });

  it('sums participants by target group', () => {
    const m = r.total.total;
    expect(m.participants_total).toBe(40 + 25 + 20 + 60);
    expect(m.participants_female).toBe(22 + 15 + 8 + 30);
    expect(m.participants_khmer).toBe(5);
    expect(m.participants_hoa).toBe(3);
    expect(m.participants_other_minority).toBe(1);
    expect(m.participants_poor).toBe(10 + 5 + 20);
    expect(m.participants_near_poor).toBe(6 + 3);
    expect(m.participants_newly_out_of_poverty).toBe(2 + 1);
    expect(m.participants_officials).toBe(4 + 2 + 12);
  });

  it('has every form-specific indicator', () => {
    const f = r.total.forms;
    expect(f.printed_materials.leaflet_printed).toBe(500);
    expect(f.printed_materials.leaflet_distributed).toBe(450);
    expect(f.printed_materials.banner_printed).toBe(4);
    expect(f.printed_materials.document_printed).toBe(0);
    expect(f.mass_media.media_radio_items).toBe(3);
    expect(f.mass_media.media_radio_minutes).toBe(45);
    expect(f.mass_media.media_television_items).toBe(0);
    expect(f.training.trainees_poverty_officials).toBe(12);
    expect(f.training.trainees_reporters_editors).toBe(3);
    expect(f.training.trainees_others).toBe(5);
    expect(indicatorValue('training_half_days', f.training)).toBe(1.5);
    expect(f.emulation.commended_collectives).toBe(2);
    expect(f.emulation.commended_individuals).toBe(5);
    expect(f.emulation.commended_households).toBe(3);
    expect(f.emulation.resources_vnd).toBe(10_000_000);
    expect(f.emulation.resources_in_kind_activities).toBe(1);
    expect(f.dialogue.questions_asked).toBe(3);
    expect(f.dialogue.questions_follow_up).toBe(1);
  });

  it('splits cost by funding source', () => {
    const m = r.total.total;
    expect(m.cost_local_budget).toBe(2_500_000);
    expect(m.cost_ntp_central_budget).toBe(1_200_000);
    expect(m.cost_socialised).toBe(3_000_000);
    expect(m.cost_other).toBe(0);
    expect(indicatorValue('cost_total', m)).toBe(6_700_000);
  });

  it('breaks down by district with a total equal to the sum of the rows', () => {
    expect(r.rows).toHaveLength(15);
    expect(row(r, '899').total.activities).toBe(3);
    expect(row(r, '899').total.participants_total).toBe(65);
    expect(row(r, '900').total.activities).toBe(2);
    expect(row(r, '902').total.activities).toBe(1);
    for (const m of REPORT_MEASURES) {
      expect(r.rows.reduce((s, x) => s + x.total[m], 0)).toBe(r.total.total[m]);
    }
  });

  it('lists the districts and communes with nothing in the period', () => {
    expect(r.completeness.silentChildren).toHaveLength(12);
    expect(r.completeness.silentChildren.map((u) => u.code)).not.toContain('899');
    expect(r.completeness.communes).toBe(144);
    expect(r.completeness.silentCommunes).toHaveLength(140);
  });
});

describe('other levels and periods', () => {
  it('a district report has its communes as rows', () => {
    const r = report('899');
    expect(r.rows).toHaveLength(12);
    expect(row(r, '30733').total.activities).toBe(2);
    expect(row(r, '30733').drafts.dialogue).toBe(1);
    expect(row(r, '30736').total.participants_total).toBe(25);
    expect(r.total.total.activities).toBe(3);
    expect(r.completeness.silentCommunes).toHaveLength(10);
  });

  it('a commune report has no rows and its own figures', () => {
    const r = report('30766');
    expect(r.rows).toEqual([]);
    expect(r.total.total.activities).toBe(2);
    expect(r.total.forms.training.participants_total).toBe(20);
    expect(r.completeness.silentCommunes).toEqual([]);
  });

  it('the Decree 09 cut-off half runs 15/12 to 14/06', () => {
    const period = regularPeriod('first_half', 2025, 'data_cutoff');
    expect(period).toMatchObject({ from: '2024-12-15', to: '2025-06-14' });
    const r = report('91', period);
    // A5 (30/06) falls out, A9 (20/12/2024) comes in.
    expect(r.total.total.activities).toBe(6);
    expect(r.total.forms.training.activities).toBe(0);
    expect(r.total.forms.other.activities).toBe(1);
  });

  it('whole-year periods on both bases', () => {
    expect(regularPeriod('full_year', 2026, 'calendar')).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(regularPeriod('full_year', 2026, 'data_cutoff')).toMatchObject({
      from: '2025-12-15',
      to: '2026-12-14',
    });
    expect(report('91', regularPeriod('full_year', 2025, 'calendar')).total.total.activities).toBe(
      7,
    );
  });

  it('ad hoc periods are inclusive and validated', () => {
    const day = adHocPeriod('2025-03-10', '2025-03-10')!;
    expect(report('91', day).total.total.activities).toBe(1);
    expect(adHocPeriod('2026-03-10', '2026-03-09')).toBeNull();
    expect(adHocPeriod('2026-02-30', '2026-03-09')).toBeNull();
    expect(adHocPeriod('10/03/2026', '2026-03-09')).toBeNull();
  });
});

describe('in the 2025 geography (old communes add up into the new)', () => {
  const year = regularPeriod('full_year', 2025, 'calendar');

  it('the province total is the same in both geographies', () => {
    const old = report('91', year);
    const current = report('91', year, AN_GIANG_2025);
    expect(current.rows).toHaveLength(102);
    expect(current.unplaced).toEqual([]);
    expect(current.total.total).toEqual(old.total.total);
    expect(current.total.total.activities).toBe(7);
    expect(current.total.draftTotal).toBe(1);
  });

  it('Vĩnh Thanh and Vĩnh Quang (2024) count in Phường Rạch Giá (2025) with its own record', () => {
    const current = report('91', year, AN_GIANG_2025);
    const rachGia = row(current, '30742');
    expect(rachGia.name).toBe('Phường Rạch Giá');
    // A1 + A2 + A4 (2024 wards) + A8 (recorded in Phường Rạch Giá itself).
    expect(rachGia.total.activities).toBe(4);
    expect(rachGia.total.participants_total).toBe(40 + 25 + 7);
    expect(rachGia.drafts.dialogue).toBe(1);
    expect(row(current, '30766').total.activities).toBe(2);
  });

  it('in the 2024 view a 2025 record lands in the old district holding all of it', () => {
    const old = report('91', year);
    expect(row(old, '899').total.activities).toBe(4);
    // …but in no single old ward: shown apart in the district report, still in its total.
    const district = report('899', year);
    expect(district.unplaced.map((u) => [u.geographyId, u.code])).toEqual([
      [AN_GIANG_2025, '30742'],
    ]);
    expect(district.total.total.activities).toBe(4);
    expect(district.rows.reduce((s, r) => s + r.total.activities, 0)).toBe(3);
    // A 2024 ward's report never shows the larger 2025 commune's record.
    expect(report('30733', year).total.total.activities).toBe(2);
  });
});

describe('labels', () => {
  const viReport = { ...vi, report: reportLabelsVi };
  it('every indicator of every form has a Vietnamese label', () => {
    for (const form of ACTIVITY_TYPES) {
      for (const indicator of FORM_INDICATORS[form]) {
        const label = indicatorLabel(indicator, viReport);
        expect(label).not.toBe(indicator);
        expect(label).not.toMatch(/\{\{/);
      }
    }
    expect(indicatorLabel('media_radio_minutes', viReport)).toBe('Phát thanh: số phút');
  });
});

describe('totals equal the sum of the children at every level (property)', () => {
  const leaves = tree.leavesUnder('91').map((u) => u.code);
  const groupArb = fc.record({
    communeCode: fc.constantFrom(...leaves),
    form: fc.constantFrom(...ACTIVITY_TYPES),
    status: fc.constantFrom('draft' as const, 'complete' as const),
    activities: fc.integer({ min: 1, max: 50 }),
    people: fc.integer({ min: 0, max: 10_000 }),
    cost: fc.integer({ min: 0, max: 1e9 }),
  });

  it('holds for the province and each district, in both geographies', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 60 }), (raw) => {
        const groups: FactGroup[] = raw.map((g) => ({
          geographyId: KIEN_GIANG_2024,
          communeCode: g.communeCode,
          form: g.form,
          status: g.status,
          measures: {
            ...emptyMeasures(),
            activities: g.activities,
            participants_total: g.people,
            cost_local_budget: g.cost,
          },
        }));
        const build = (unitCode: string) =>
          buildSummaryReport({
            catalog,
            geographyId: KIEN_GIANG_2024,
            unitCode,
            period: firstHalf,
            groups,
          });
        const province = build('91');
        const complete = raw.filter((g) => g.status === 'complete');
        expect(province.total.total.activities).toBe(
          complete.reduce((s, g) => s + g.activities, 0),
        );
        const current = buildSummaryReport({
          catalog,
          geographyId: AN_GIANG_2025,
          unitCode: '91',
          period: firstHalf,
          groups,
        });
        expect(current.total.total).toEqual(province.total.total);
        expect(current.total.draftTotal).toBe(province.total.draftTotal);
        for (const m of REPORT_MEASURES) {
          expect(current.rows.reduce((s, x) => s + x.total[m], 0)).toBe(current.total.total[m]);
        }
        for (const district of province.rows) {
          const own = build(district.code);
          expect(own.total.total).toEqual(district.total);
          for (const m of REPORT_MEASURES) {
            expect(own.rows.reduce((s, x) => s + x.total[m], 0)).toBe(district.total[m]);
          }
          expect(own.total.draftTotal).toBe(district.draftTotal);
        }
      }),
      { numRuns: 15 },
    );
  });
});
