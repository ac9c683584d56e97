// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { changeLanguage, createI18n } from '../../src/client/lib/i18n';
import { reportsEn } from '../../src/shared/i18n/reports.en';
import { reportsVi } from '../../src/shared/i18n/reports.vi';

// The submission card says how late a unit is: "1 day late", never "1 days late" in English;
// Vietnamese has one form ("Trễ 1 ngày", "Trễ 11 ngày").
describe('days late, in words', () => {
  it('is singular for one day and plural for more, in English; one form in Vietnamese', async () => {
    const i18n = await createI18n('vi');
    i18n.addResourceBundle('vi', 'translation', { reports: reportsVi }, true, false);
    expect(i18n.t('reports.submission.late', { count: 1 })).toBe('Trễ 1 ngày.');
    expect(i18n.t('reports.submission.late', { count: 11 })).toBe('Trễ 11 ngày.');
    await changeLanguage(i18n, 'en', false);
    i18n.addResourceBundle('en', 'translation', { reports: reportsEn }, true, false);
    expect(i18n.t('reports.submission.late', { count: 1 })).toBe('1 day late.');
    expect(i18n.t('reports.submission.late', { count: 11 })).toBe('11 days late.');
  });

  it('a reopened report quotes its reason and ends the sentence before the due date follows', async () => {
    const i18n = await createI18n('vi');
    i18n.addResourceBundle('vi', 'translation', { reports: reportsVi }, true, false);
    const values = { at: '01/12/2026 14:53', by: 'Nguyễn Thị Lan', reason: 'Bổ sung hoạt động' };
    expect(i18n.t('reports.submission.reopened', values)).toBe(
      'Đã mở lại lúc 01/12/2026 14:53 — Nguyễn Thị Lan, lý do: «Bổ sung hoạt động».',
    );
    await changeLanguage(i18n, 'en', false);
    i18n.addResourceBundle('en', 'translation', { reports: reportsEn }, true, false);
    expect(i18n.t('reports.submission.reopened', values)).toBe(
      'Reopened at 01/12/2026 14:53 — Nguyễn Thị Lan, reason: “Bổ sung hoạt động”.',
    );
  });
});
