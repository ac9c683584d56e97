import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { expectHome, field } from './support/officer-ui';

// Session 11 audit: on a 360 px phone the "ready offline" toast, which arrives while the officer
// reads the first screens after the first visit, covered the page's own heading (the home
// screen's sync card, "Báo cáo" — docs/screens/report.phone.en.png): it was taller than the app
// bar it is meant to sit over. It must stay within the app bar, in both languages.
async function boxesOverlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  expect(x && y, 'both are on screen').toBeTruthy();
  return x!.y < y!.y + y!.height && y!.y < x!.y + x!.height;
}

async function expectWithinAppBar(page: Page, toast: Locator, what: string): Promise<void> {
  const [box, bar] = [
    await toast.boundingBox(),
    await page.locator('header').first().boundingBox(),
  ];
  expect(box, `${what}: the toast is shown`).toBeTruthy();
  expect(box!.y + box!.height, `${what}: the toast ends within the app bar`).toBeLessThanOrEqual(
    bar!.y + bar!.height,
  );
}

describe('the "ready offline" toast on a 360 px phone', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('offline-toast', [OFFICERS.lan]);
  });
  afterAll(async () => stopEnv(env));

  for (const [language, d] of [
    ['vi', dict],
    ['en', en],
  ] as const) {
    it(`stays over the app bar, never over the first screen's heading (${language})`, async () => {
      context = await newPhoneContext(env.browser);
      // The service worker's script is held until the home screen shows: the toast then arrives
      // there (as after a quick login), whatever the machine's load.
      let release!: () => void;
      const homeShown = new Promise<void>((resolve) => (release = resolve));
      await context.route('**/sw.js', async (route) => {
        await homeShown;
        await route.continue();
      });
      page = await context.newPage();
      if (language === 'en')
        await page.addInitScript(() => localStorage.setItem('outreach-log:language', 'en'));
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: d.auth.title }).waitFor();
      await field(page, d.auth.username).fill(OFFICERS.lan.username);
      await field(page, d.auth.password).fill(OFFICERS.lan.password);
      await page.getByRole('button', { name: d.auth.submit, exact: true }).click();
      if (language === 'vi') await expectHome(page);
      else await page.getByRole('heading', { name: d.home.addActivity }).waitFor();

      release();
      // The first visit's service worker finishes installing: the toast says so for a while.
      const toast = page.getByRole('status').filter({ hasText: d.pwa.offlineReady });
      await toast.waitFor({ timeout: 30_000 });
      await expectWithinAppBar(page, toast, 'home');
      const syncCard = page.getByTestId('sync-status');
      expect(await boxesOverlap(toast, syncCard), 'the toast covers the sync card').toBe(false);

      await page
        .getByRole('navigation', { name: d.nav.main })
        .getByRole('link', { name: d.reports.nav, exact: true })
        .click();
      const heading = page.getByRole('heading', { level: 1 }).first();
      await heading.waitFor();
      if (await toast.isVisible()) {
        await expectWithinAppBar(page, toast, 'report');
        expect(await boxesOverlap(toast, heading), 'the toast covers the report heading').toBe(
          false,
        );
      }
      // Still a real button to close it, big enough for a thumb.
      if (await toast.isVisible()) {
        const close = toast.getByRole('button', { name: d.app.close });
        const box = (await close.boundingBox())!;
        expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
        await close.click();
        await toast.waitFor({ state: 'hidden' });
      }
      await context.close();
    });
  }

  // Session 13 audit: on the login screen the toast sat at the bottom — with the on-screen
  // keyboard open, right over "Đăng nhập" for its 8 seconds. Over the app bar like elsewhere.
  it('on the login screen, stays over the app bar, never over the heading or Đăng nhập', async () => {
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
    // A phone with its keyboard open: 360 × 420 px left for the page.
    await page.setViewportSize({ width: 360, height: 420 });
    await page.goto(`${env.baseUrl}/`);
    const heading = page.getByRole('heading', { level: 1, name: dict.auth.title });
    await heading.waitFor();
    await field(page, dict.auth.password).focus();
    const toast = page.getByRole('status').filter({ hasText: dict.pwa.offlineReady });
    await toast.waitFor({ timeout: 30_000 });
    await expectWithinAppBar(page, toast, 'login');
    expect(await boxesOverlap(toast, heading), 'the toast covers the heading').toBe(false);
    const submit = page.getByRole('button', { name: dict.auth.submit, exact: true });
    await submit.scrollIntoViewIfNeeded();
    expect(await boxesOverlap(toast, submit), 'the toast covers Đăng nhập').toBe(false);
    await context.close();
  });
});
