import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportLabelsVi } from '../../src/shared/i18n/report-labels.vi';
import { reportsVi } from '../../src/shared/i18n/reports.vi';
import { vi as VI } from '../../src/shared/i18n/vi';
import { newDesktopContext, newPhoneContext } from './support/chromium';
import { OFFICERS, PROVINCE_OFFICER, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  createActivity,
  field,
  goOffline,
  login,
  syncNow,
  waitUntilOfflineReady,
} from './support/officer-ui';

// Issue 10 point 7 end to end: the province sets a ward's year targets on the Đặt chỉ tiêu
// screen (desktop window); the ward officer's phone gets them by pull and, with no network,
// its own report shows the progress towards them.
const R = reportsVi;
const INDICATOR = reportLabelsVi.targets.indicator;
const WARD = '30742'; // Phường Rạch Giá, An Giang 2025

async function openReport(page: Page, year: number): Promise<void> {
  await page
    .getByRole('navigation', { name: VI.nav.main })
    .getByRole('link', { name: VI.reports.nav, exact: true })
    .click();
  await page.getByRole('heading', { name: R.title, exact: true }).waitFor();
  await field(page, R.period).selectOption('full_year');
  await field(page, R.year).selectOption(String(year));
}

describe('targets (chỉ tiêu)', () => {
  let env: E2eEnv;
  const pages: Page[] = [];
  screenshotOnFailure(() => pages);

  beforeAll(async () => {
    env = await startEnv('targets', [OFFICERS.lan, PROVINCE_OFFICER]);
  });
  afterAll(() => stopEnv(env));

  it('set on the screen by the province, they reach the ward’s phone and its offline report', async () => {
    const year = new Date().getFullYear();
    const phoneContext = await newPhoneContext(env.browser);
    const desk = await newDesktopContext(env.browser);
    try {
      // The ward records one talk this year.
      const phone = await phoneContext.newPage();
      pages.push(phone);
      await login(phone, env.baseUrl, OFFICERS.lan);
      await waitUntilOfflineReady(phone);
      await createActivity(phone, {
        type: 'community_talk',
        title: 'Nói chuyện chuyên đề sinh kế khóm 2',
        attendees: 2,
      });
      await syncNow(phone);

      // The province: Báo cáo → Đặt chỉ tiêu năm YYYY → the ward → 4 talks, 1.500 people.
      const page = await desk.newPage();
      pages.push(page);
      await login(page, env.baseUrl, PROVINCE_OFFICER);
      await openReport(page, year);
      await page
        .getByRole('link', { name: R.targetsForm.open.replace('{{year}}', String(year)) })
        .click();
      await page.getByRole('heading', { name: R.targetsForm.title, exact: true }).waitFor();
      await field(page, R.unit).selectOption(WARD);
      const talks = page.getByRole('textbox', { name: INDICATOR.community_talks });
      await talks.waitFor();
      await talks.fill('4');
      await page.getByRole('textbox', { name: INDICATOR.people_reached }).fill('1500');
      await page.getByRole('button', { name: R.targetsForm.save }).click();
      await page.getByText(new RegExp(`Đã lưu chỉ tiêu năm ${year} của`)).waitFor();

      // The ward's phone pulls them; with no network its report shows the progress.
      await syncNow(phone);
      await goOffline(phoneContext);
      await openReport(phone, year);
      const card = phone.getByRole('region', {
        name: reportLabelsVi.targets.title.replace('{{year}}', String(year)),
      });
      await card.waitFor({ timeout: 30_000 });
      await expect
        .poll(() =>
          card
            .getByRole('progressbar', { name: /nói chuyện chuyên đề/i })
            .getAttribute('aria-label'),
        )
        .toBe(`${INDICATOR.community_talks}: 1 / 4, 25 %`);
      expect(await card.innerText()).toContain('/ 1.500');
    } finally {
      await phoneContext.close();
      await desk.close();
    }
  });
});
