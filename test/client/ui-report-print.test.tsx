// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { reportsEn } from '../../src/shared/i18n/reports.en';
import { reportsVi } from '../../src/shared/i18n/reports.vi';
import { reportFixture } from '../shared/support/report-fixtures';
import { putProvinceSettings } from '../../src/client/db/period-lock-write';
import { INITIAL_PROVINCE_SETTINGS } from '../../src/shared/reports/province-settings';
import { waitFor } from '@testing-library/react';
import { freshDb, officer, renderApp, screen } from './ui-support/render-app';

// The A4 print view is an administrative document in the layout of Decree 30/2020/NĐ-CP: it is
// Vietnamese whatever language the officer reads the app in (numbers 2.500.000, Vietnamese
// headers, "Nơi nhận"), never a mix of English labels under the Vietnamese national motto.
// Only the toolbar above the page (back, print) follows the app's language.
const user = officer({ unitCode: '30733', geographyId: KIEN_GIANG_2024 });
const fixture = reportFixture({ id: user.id, name: user.displayName }).filter(
  (a) => a.communeCode === '30733' && a.geographyId === KIEN_GIANG_2024,
);
const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');

beforeAll(() => {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
});
afterAll(() => {
  delete (navigator as { onLine?: boolean }).onLine;
  if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
});

describe('A4 print view', { timeout: 60_000 }, () => {
  it('is all Vietnamese when the app is in English; only its toolbar is English', async () => {
    const db = freshDb();
    for (const a of fixture) await saveActivity(db, a);
    await renderApp(
      '#/reports/print?unit=30733&geography=kien-giang-2024&from=2025-01-01&to=2025-12-31',
      { db, user, language: 'en' },
    );
    const motto = await screen.findByText(reportsVi.printView.motto, {}, { timeout: 20_000 });
    const doc = motto.closest('article')!;
    const text = doc.textContent!;
    // Decree 30 (Appendix III): a People's Committee's report is "…/BC-UBND".
    expect(text).toContain('Số: …/BC-UBND');
    expect(text).toContain(reportsVi.printView.recipients);
    // No plan given for 2025 (106/KH-UBND is 2024's): a blank to fill in, never the 2024 plan.
    expect(text).toContain(reportsVi.printView.aboutUnknown);
    expect(text).not.toContain('106/KH-UBND');
    expect(text).toContain('Năm 2025 (từ 01/01/2025 đến 31/12/2025)');
    expect(text).toContain('2.500.000');
    // Decree 30: the document's kind, then what it is about — not "BÁO CÁO / Báo cáo kết quả…".
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(
      /^BÁO CÁOKết quả công tác truyền thông giảm nghèoNăm 2025/,
    );
    for (const english of [
      'No.:',
      reportsEn.printView.recipients,
      'On the results of',
      'Year 2025',
      'Total (',
      'Participants',
      '2,500,000',
    ]) {
      expect(text).not.toContain(english);
    }
    // The toolbar is the app's, in its language.
    expect(screen.getByRole('button', { name: reportsEn.printView.printNow })).toBeTruthy();
    expect(screen.getByRole('link', { name: reportsEn.printView.back })).toBeTruthy();
  });

  it('about a 2024 ward, is issued by the commune it became and names the old ward’s map', async () => {
    const db = freshDb();
    for (const a of fixture) await saveActivity(db, a);
    await renderApp(
      '#/reports/print?unit=30733&geography=kien-giang-2024&from=2025-01-01&to=2025-06-30',
      { db, user, language: 'vi' },
    );
    const motto = await screen.findByText(reportsVi.printView.motto, {}, { timeout: 20_000 });
    const doc = motto.closest('article')!;
    // Phường Vĩnh Thanh's People's Committee ended on 30/06/2025: Phường Rạch Giá's issues it.
    const head = doc.querySelector('.print-head__issuer')!.textContent!;
    expect(head).toContain('ỦY BAN NHÂN DÂN PHƯỜNG RẠCH GIÁ');
    expect(head).not.toContain('VĨNH THANH');
    // Nơi nhận: a report with no "Kính gửi" line names its recipient (no agencies pulled on
    // this phone: the provincial People's Committee), never "Như trên".
    expect(doc.querySelector('.print-foot__list')!.textContent).toBe(
      '- UBND tỉnh An Giang;\n- Lưu: VT.',
    );
    // Decree 30: the place is the issuing commune's name.
    expect(doc.querySelector('.print-head__date')!.textContent).toMatch(
      /^Rạch Giá, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/,
    );
    expect(doc.textContent).toContain(
      'Địa bàn: Phường Vĩnh Thanh, Thành phố Rạch Giá — danh mục Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)',
    );
  });

  it('cites the plan the province gave for the report’s year', async () => {
    const db = freshDb();
    for (const a of fixture) await saveActivity(db, a);
    // As pulled from the server's settings: 2024's plan (the seed) and one for 2025.
    const plan2025 = 'Kế hoạch số 38/KH-UBND ngày 14/02/2025 của UBND tỉnh Kiên Giang';
    await putProvinceSettings(db, {
      ...INITIAL_PROVINCE_SETTINGS,
      plans: [...INITIAL_PROVINCE_SETTINGS.plans, { year: 2025, reference: plan2025 }],
    });
    const app = await renderApp(
      '#/reports/print?unit=30733&geography=kien-giang-2024&from=2025-01-01&to=2025-06-30',
      { db, user, language: 'vi' },
    );
    const doc = (
      await screen.findByText(reportsVi.printView.motto, {}, { timeout: 20_000 })
    ).closest('article')!;
    await waitFor(() => expect(doc.textContent).toContain(`Về kết quả thực hiện ${plan2025}`));
    app.unmount();

    await renderApp(
      '#/reports/print?unit=30733&geography=kien-giang-2024&from=2024-01-01&to=2024-12-31',
      { db, user, language: 'vi' },
    );
    const doc2024 = (
      await screen.findByText(reportsVi.printView.motto, {}, { timeout: 20_000 })
    ).closest('article')!;
    await waitFor(() =>
      expect(doc2024.textContent).toContain(
        'Về kết quả thực hiện Kế hoạch số 106/KH-UBND ngày 04/4/2024 của UBND tỉnh Kiên Giang',
      ),
    );
  });
});
