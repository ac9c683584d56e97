import { describe, expect, it } from 'vitest';
import {
  INITIAL_PROVINCE_SETTINGS,
  planOfYear,
  provinceSettingsSchema,
} from '../../src/shared/reports/province-settings';

// Plan 106/KH-UBND is the plan for 2024 ("Thời gian: năm 2024"); "yearly communication plans like
// 106/KH-UBND keep coming, with their own themes and targets" (reorganisation-2025.md). Which
// plan a year's report answers to is the province's data, like its due dates — a 2026 report
// must not cite the 2024 plan.
describe('communication plans per year (province settings)', () => {
  it('the seed knows plan 106/KH-UBND for 2024 and nothing for later years', () => {
    expect(planOfYear(INITIAL_PROVINCE_SETTINGS, 2024)?.reference).toBe(
      'Kế hoạch số 106/KH-UBND ngày 04/4/2024 của UBND tỉnh Kiên Giang',
    );
    expect(planOfYear(INITIAL_PROVINCE_SETTINGS, 2025)).toBeUndefined();
    expect(planOfYear(INITIAL_PROVINCE_SETTINGS, 2026)).toBeUndefined();
  });

  it('a document stored before plans existed reads with the seed', () => {
    const old = { defaultPeriodBasis: 'calendar', dueDates: [] };
    const parsed = provinceSettingsSchema.parse(old);
    expect(parsed.plans).toEqual(INITIAL_PROVINCE_SETTINGS.plans);
  });

  it('the province adds a year’s plan; a year twice or an empty reference is refused', () => {
    const next = {
      ...INITIAL_PROVINCE_SETTINGS,
      plans: [
        ...INITIAL_PROVINCE_SETTINGS.plans,
        { year: 2026, reference: 'Kế hoạch số 15/KH-UBND ngày 20/01/2026 của UBND tỉnh An Giang' },
      ],
    };
    expect(planOfYear(provinceSettingsSchema.parse(next), 2026)?.reference).toContain('15/KH-UBND');
    const twice = { ...next, plans: [...next.plans, { year: 2026, reference: 'Khác' }] };
    expect(provinceSettingsSchema.safeParse(twice).success).toBe(false);
    const empty = { ...next, plans: [{ year: 2027, reference: '  ' }] };
    expect(provinceSettingsSchema.safeParse(empty).success).toBe(false);
  });
});
