import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsVi } from '../../src/shared/i18n/reports.vi';
import { newDesktopContext, newPhoneContext } from './support/chromium';
import { OFFICERS, PROVINCE_OFFICER, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { createActivity, expectHome, login, shownUnsyncedCount } from './support/officer-ui';
import { REPO_ROOT } from './support/repo-paths';
import { cutSelects, expectCleanScreen } from './support/screen-checks';

// The screens of district and provincial officers (reports, records browser, a record, targets) on a
// 360 × 740 phone and on a desktop window: no serious axe finding, no sideways scrolling, touch
// targets of 48 px. `SAVE_SCREENS=1` (npm run screens) writes their screenshots to docs/screens.
const R = reportsVi;
const TITLE = 'Nói chuyện chuyên đề giảm nghèo ấp 3';

async function saveScreen(page: Page, name: string): Promise<void> {
  if (process.env.SAVE_SCREENS !== '1') return;
  const dir = join(REPO_ROOT, 'docs', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

async function provinceWindow(browser: Browser, size: 'phone' | 'desktop'): Promise<Page> {
  const context =
    size === 'phone' ? await newPhoneContext(browser) : await newDesktopContext(browser);
  return context.newPage();
}

describe('report and records screens of higher levels', () => {
  let env: E2eEnv;
  const pages: Page[] = [];
  screenshotOnFailure(() => pages);

  beforeAll(async () => {
    env = await startEnv('higher-screens', [OFFICERS.lan, PROVINCE_OFFICER]);
  });
  afterAll(async () => stopEnv(env));

  it('a commune phone records one activity and syncs it', async () => {
    const phone = await (await newPhoneContext(env.browser)).newPage();
    pages.push(phone);
    await login(phone, env.baseUrl, OFFICERS.lan);
    await expectHome(phone);
    await createActivity(phone, { type: 'community_talk', title: TITLE, attendees: 2 });
    await phone.goto(`${env.baseUrl}/#/`);
    await expect.poll(() => shownUnsyncedCount(phone), { timeout: 30_000 }).toBe(0);
  });

  for (const size of ['phone', 'desktop'] as const) {
    describe(`on a ${size}`, () => {
      let page: Page;
      beforeAll(async () => {
        page = await provinceWindow(env.browser, size);
        pages.push(page);
        await login(page, env.baseUrl, PROVINCE_OFFICER);
      });
      afterAll(async () => page.context().close());

      it('the report', async () => {
        await page.goto(`${env.baseUrl}/#/reports`);
        await page.getByRole('heading', { name: R.title, exact: true }).waitFor();
        await page.locator('.report-table__scroll').first().waitFor();
        await expectCleanScreen(page, `${size}: report`);
        if (size === 'desktop') expect(await cutSelects(page), 'report filters').toEqual([]);
        await saveScreen(page, `report.${size}.vi`);
      });

      it('the records browser and a record with its history', async () => {
        await page.goto(`${env.baseUrl}/#/records`);
        const link = page.getByRole('link', { name: new RegExp(TITLE) });
        await link.waitFor();
        await expectCleanScreen(page, `${size}: records browser`);
        if (size === 'desktop') expect(await cutSelects(page), 'records filters').toEqual([]);
        await saveScreen(page, `records.${size}.vi`);
        await link.click();
        await page.getByRole('heading', { name: TITLE }).waitFor();
        await expectCleanScreen(page, `${size}: record`);
        await saveScreen(page, `record.${size}.vi`);
      });

      it('Đặt chỉ tiêu', async () => {
        await page.goto(`${env.baseUrl}/#/targets`);
        await page.getByRole('heading', { name: R.targetsForm.title, exact: true }).waitFor();
        await page.locator('input[inputmode=numeric]').first().waitFor();
        await expectCleanScreen(page, `${size}: targets`);
        await saveScreen(page, `targets.${size}.vi`);
      });
    });
  }

  it('the same screens in English on a phone', async () => {
    const page = await provinceWindow(env.browser, 'phone');
    pages.push(page);
    await login(page, env.baseUrl, PROVINCE_OFFICER);
    await page.goto(`${env.baseUrl}/#/settings`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.goto(`${env.baseUrl}/#/reports`);
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await page.locator('.report-table__scroll').first().waitFor();
    await expectCleanScreen(page, 'phone, English: report');
    await saveScreen(page, 'report.phone.en');
    await page.goto(`${env.baseUrl}/#/records`);
    await page.getByRole('link', { name: new RegExp(TITLE) }).waitFor();
    await expectCleanScreen(page, 'phone, English: records browser');
    await saveScreen(page, 'records.phone.en');
  });
});
