import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsVi } from '../../src/shared/i18n/reports.vi';
import { vi as VI } from '../../src/shared/i18n/vi';
import { newDesktopContext, newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  createActivity,
  field,
  login,
  openNav,
  shownUnsyncedCount,
  syncRegion,
} from './support/officer-ui';
import { RESULTS_DIR } from './support/repo-paths';
import { layoutReport } from './support/screen-checks';
import type { Officer } from './support/users-cli';

// Issue 10, point 4: the province officer browses the records of the whole province on a desktop
// window — a table, filtered by who recorded (Người ghi) and by dates typed dd/MM/yyyy — opens
// one, and reads in its history, in the activity form's words, the edit the commune officer made
// on the phone. The same screen on a 360 px phone is the cards, with no sideways scroll.
const PROVINCE: Officer = {
  username: 'so.tracuu',
  password: 'mat-khau-so-tracuu-2024',
  role: 'province',
  unit: '91',
  name: 'Phòng Giảm nghèo, Sở Nông nghiệp và Môi trường',
};
const R = reportsVi.browser;
const YEAR = new Date().getFullYear();
const LAN_MAY = 'Nói chuyện chuyên đề vay vốn ưu đãi (Lan)';
const LAN_MARCH = 'Nói chuyện chuyên đề tháng ba (Lan)';
const HAI_MAY = 'Nói chuyện chuyên đề nuôi lươn (Hải)';

async function syncNow(page: Page): Promise<void> {
  await openNav(page, 'home');
  await syncRegion(page).getByRole('button', { name: VI.sync.syncNow, exact: true }).click();
  await expect.poll(() => shownUnsyncedCount(page), { timeout: 30_000 }).toBe(0);
}

/** The body rows of the records table, each as its cells' texts (title first). */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.getByRole('row').filter({ has: table.page().getByRole('cell') });
  const out: string[][] = [];
  for (const row of await rows.all()) {
    const title = await row.getByRole('rowheader').innerText();
    out.push([title.trim(), ...(await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())]);
  }
  return out;
}

describe('records browser on a desktop window', () => {
  let env: E2eEnv;
  let pages: Page[] = [];
  screenshotOnFailure(() => pages);
  beforeAll(async () => {
    env = await startEnv('records-browser', [OFFICERS.lan, OFFICERS.hai, PROVINCE]);
  });
  afterAll(() => stopEnv(env));

  it('the province filters by author and dd/MM/yyyy dates, opens a record and reads the phone’s edit in its history', async () => {
    const lanContext = await newPhoneContext(env.browser);
    const haiContext = await newPhoneContext(env.browser);
    const desk = await newDesktopContext(env.browser);
    const small = await newPhoneContext(env.browser);
    try {
      // Two officers of one ward record on their phones and sync.
      const lan = await lanContext.newPage();
      const hai = await haiContext.newPage();
      pages = [lan, hai];
      await login(lan, env.baseUrl, OFFICERS.lan);
      await createActivity(lan, { type: 'community_talk', title: LAN_MAY, date: `10/05/${YEAR}` });
      await createActivity(lan, {
        type: 'community_talk',
        title: LAN_MARCH,
        date: `10/03/${YEAR}`,
      });
      await syncNow(lan);
      await login(hai, env.baseUrl, OFFICERS.hai);
      await createActivity(hai, { type: 'community_talk', title: HAI_MAY, date: `12/05/${YEAR}` });
      await syncNow(hai);

      // Lan corrects her talk on the phone: the day and the number of people.
      await openNav(lan, 'list');
      await lan.getByRole('link', { name: new RegExp(LAN_MAY.replace(/[()]/g, '\\$&')) }).click();
      await lan.getByRole('heading', { level: 1, name: LAN_MAY }).waitFor();
      await lan.getByRole('link', { name: VI.activityDetail.edit, exact: true }).click();
      await field(lan, VI.field.date).fill(`11/05/${YEAR}`);
      await field(lan, VI.field.participants.total).fill('35');
      await lan.getByRole('button', { name: VI.activityForm.save, exact: true }).click();
      await lan.getByRole('heading', { level: 1, name: LAN_MAY }).waitFor();
      await syncNow(lan);

      // The province, on a desktop window: Báo cáo → Tra cứu hoạt động.
      const page = await desk.newPage();
      pages = [lan, hai, page];
      await login(page, env.baseUrl, PROVINCE);
      await page
        .getByRole('navigation', { name: VI.nav.main })
        .getByRole('link', { name: VI.reports.nav, exact: true })
        .click();
      await page.getByRole('link', { name: R.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: R.title }).waitFor();
      const table = page.getByRole('table', { name: R.title });
      await table.waitFor();
      await expect
        .poll(async () => (await tableRows(table)).map((r) => r[0]))
        .toEqual(expect.arrayContaining([LAN_MAY, LAN_MARCH, HAI_MAY]));
      expect(await page.getByRole('list', { name: R.title }).count()).toBe(0);

      // Người ghi: Lan (with her count), then the days of May typed dd/MM/yyyy.
      const picker = field(page, R.author);
      await expect
        .poll(() => picker.getByRole('option').allInnerTexts())
        .toEqual(expect.arrayContaining([`${OFFICERS.lan.name} (2)`, `${OFFICERS.hai.name} (1)`]));
      await picker.selectOption({ label: `${OFFICERS.lan.name} (2)` });
      await expect.poll(() => page.url()).toContain('author=');
      await field(page, reportsVi.from).fill(`01/05/${YEAR}`);
      await field(page, reportsVi.to).fill(`31/05/${YEAR}`);
      await page.getByRole('button', { name: R.apply, exact: true }).click();
      await expect.poll(() => page.url()).toContain(`from=${YEAR}-05-01`);
      expect(page.url()).toContain(`to=${YEAR}-05-31`);
      await expect.poll(async () => (await tableRows(table)).map((r) => r[0])).toEqual([LAN_MAY]);
      const [row] = await tableRows(table);
      // Title, then date, ward, form, author, status, people.
      expect(row).toEqual([
        LAN_MAY,
        `11/05/${YEAR}`,
        'Phường Rạch Giá',
        VI.activityType.community_talk,
        OFFICERS.lan.name,
        R.completeStatus,
        '35',
      ]);
      const desktop = await layoutReport(page);
      expect(desktop.scrollWidth).toBeLessThanOrEqual(desktop.viewportWidth);
      await saveShot(page, 'records-browser-desktop');

      // Keyboard: the title is a link; Enter on it opens the record.
      await table.getByRole('link', { name: LAN_MAY }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: LAN_MAY }).waitFor();
      const history = page.getByRole('region', { name: R.history });
      await history.getByText(VI.history.created).waitFor();
      const text = (await history.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(`${VI.field.date}: 10/05/${YEAR} → 11/05/${YEAR}`);
      expect(text).toContain(`${VI.field.participants.total}: 30 → 35`);
      expect(text).toContain(OFFICERS.lan.name);
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      expect(text).not.toMatch(/participants\.|\[object|[{}]/);
      await saveShot(page, 'records-browser-history');

      // Back: the filters are still there (they live in the URL).
      await page.getByRole('button', { name: R.back }).click();
      await expect.poll(async () => (await tableRows(table)).map((r) => r[0])).toEqual([LAN_MAY]);

      // The same filters on a 360 × 740 phone: cards, nothing wider than the screen.
      const phone = await small.newPage();
      pages = [lan, hai, page, phone];
      await login(phone, env.baseUrl, PROVINCE);
      await phone.goto(page.url());
      const cards = phone.getByRole('list', { name: R.title });
      await cards
        .getByRole('link', { name: new RegExp(LAN_MAY.replace(/[()]/g, '\\$&')) })
        .waitFor();
      expect(await cards.getByRole('link').count()).toBe(1);
      expect(await phone.getByRole('table', { name: R.title }).count()).toBe(0);
      const narrow = await layoutReport(phone);
      expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.viewportWidth);
      await saveShot(phone, 'records-browser-phone');
    } finally {
      await Promise.all([lanContext, haiContext, desk, small].map((c) => c.close()));
    }
  });
});

/** With SAVE_SCREENS=1, what the officer saw, for a person to look at (test-results/). */
async function saveShot(page: Page, name: string): Promise<void> {
  if (process.env.SAVE_SCREENS !== '1') return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}
