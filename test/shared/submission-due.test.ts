import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/shared/format/vi-format';
import { INITIAL_DUE_DATES } from '../../src/shared/reports/province-settings';
import { lockOf, type ReportSubmission } from '../../src/shared/reports/report-submission';
import { daysBetween, daysLate, dueDate } from '../../src/shared/reports/submission-due';

// Due dates and lateness of period reports, hand-computed around the due day.

describe('due dates (circular 10/2022/TT-BLĐTBXH defaults)', () => {
  it('gives each level its day in the report’s year, the province last', () => {
    expect(dueDate(INITIAL_DUE_DATES, 'first_half', 'commune', 2026)).toBe('2026-05-20');
    expect(dueDate(INITIAL_DUE_DATES, 'first_half', 'district', 2026)).toBe('2026-05-25');
    expect(dueDate(INITIAL_DUE_DATES, 'first_half', 'province', 2026)).toBe('2026-05-31');
    expect(dueDate(INITIAL_DUE_DATES, 'full_year', 'commune', 2026)).toBe('2026-11-20');
    expect(dueDate(INITIAL_DUE_DATES, 'full_year', 'province', 2026)).toBe('2026-11-30');
    expect(dueDate(INITIAL_DUE_DATES, 'full_year', 'ward-group', 2026)).toBeNull();
  });

  it('reads a day past the month’s end as its last day (31/02 → 28/02 or 29/02)', () => {
    const rules = [{ period: 'first_half', level: 'commune', month: 2, day: 31 }] as const;
    expect(dueDate(rules, 'first_half', 'commune', 2026)).toBe('2026-02-28');
    expect(dueDate(rules, 'first_half', 'commune', 2028)).toBe('2028-02-29');
  });
});

describe('days late', () => {
  const due = '2026-05-20';
  it('is 0 up to and on the due day, then one per day', () => {
    expect(daysLate(due, '2026-05-19', '2026-11-30')).toBe(0);
    expect(daysLate(due, '2026-05-20', '2026-11-30')).toBe(0);
    expect(daysLate(due, '2026-05-21', '2026-11-30')).toBe(1);
    expect(daysLate(due, '2026-06-20', '2026-11-30')).toBe(31);
  });

  it('counts a missing report up to today', () => {
    expect(daysLate(due, null, '2026-05-20')).toBe(0);
    expect(daysLate(due, null, '2026-05-22')).toBe(2);
    expect(daysLate('2025-05-20', null, '2026-11-30')).toBe(559);
  });

  it('crosses months, years and leap days exactly', () => {
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('judges by the day in Vietnam: 01:00 on 21/05 there is still 20/05 in UTC', () => {
    const submittedAt = '2026-05-20T18:00:00Z';
    expect(daysLate(due, todayInVietnam(Date.parse(submittedAt)), '2026-06-01')).toBe(1);
    expect(daysLate(due, todayInVietnam(Date.parse('2026-05-20T16:59:00Z')), '2026-06-01')).toBe(0);
  });
});

describe('lockOf', () => {
  const lock: ReportSubmission = {
    id: 'kien-giang-2024~30733~first_half~2025',
    geographyId: 'kien-giang-2024',
    unitCode: '30733',
    unitName: 'Phường Vĩnh Thanh',
    level: 'commune',
    period: 'first_half',
    year: 2025,
    basis: 'calendar',
    from: '2025-01-01',
    to: '2025-06-30',
    state: 'submitted',
    submittedBy: 'Lan',
    submittedAt: '2025-06-25T02:00:00Z',
    reopenedBy: null,
    reopenedAt: null,
    reopenReason: null,
    communes: [{ geographyId: 'kien-giang-2024', code: '30733' }],
  };
  const place = { geographyId: 'kien-giang-2024', communeCode: '30733', date: '2025-06-30' };
  it('locks the unit’s communes on the period’s days only, while submitted', () => {
    expect(lockOf([lock], place)).toBe(lock);
    expect(lockOf([lock], { ...place, date: '2025-07-01' })).toBeUndefined();
    expect(lockOf([lock], { ...place, date: '2024-12-31' })).toBeUndefined();
    expect(lockOf([lock], { ...place, communeCode: '30736' })).toBeUndefined();
    // Codes are reused between geographies: the same code of 2025 is another place.
    expect(lockOf([lock], { ...place, geographyId: 'an-giang-2025' })).toBeUndefined();
    expect(lockOf([{ ...lock, state: 'reopened' }], place)).toBeUndefined();
  });
});
