import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { buildApp } from './support/app-build';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  expectHome,
  field,
  fillTitle,
  goOffline,
  goOnline,
  login,
  openNav,
  openNewForm,
  shownUnsyncedCount,
} from './support/officer-ui';
import { E2E_APP_DIR, RESULTS_DIR } from './support/repo-paths';
import { readStoredActivities } from './support/server-records';

// Issue 4, scenario e: a new build is deployed while an officer is half-way through a form.
const MARKER = 'e2e-next-version';
const NEXT_BUILD = join(RESULTS_DIR, 'e2e-app-next');
const TITLE = 'Họp dân ấp Rạch Sỏi về hộ cận nghèo';
const PLACE = 'Nhà văn hóa ấp Rạch Sỏi';
const NOTES = 'Ghi chú gõ dở: bà Tư đề nghị hỗ trợ cây giống.';

const buildMarker = (page: Page) =>
  page.evaluate(
    () => document.querySelector('meta[name="x-build-marker"]')?.getAttribute('content') ?? null,
  );

describe('a new version is deployed while a form is half-filled', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  let page2: Page | undefined;
  screenshotOnFailure(() => [page, page2]);

  beforeAll(async () => {
    // The "new version": the same sources, built again with a marker, so the service worker's
    // bytes differ (index.html's precache revision changes) exactly as in a real deployment.
    const [started] = await Promise.all([
      startEnv('app-update', [OFFICERS.lan]),
      buildApp({ outDir: NEXT_BUILD, marker: MARKER }),
    ]);
    env = started;
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });
  afterAll(async () => stopEnv(env));

  /** A deployment: the server restarts on the same port (same origin) serving `clientDir`. */
  async function deploy(clientDir: string): Promise<void> {
    await env.server.stop();
    env.server.setClientDir(clientDir);
    await env.server.start();
  }

  /** Logs in, opens a new "Hoạt động khác" form and types into it without saving. */
  async function halfFillForm(p: Page, title: string): Promise<string> {
    await openNewForm(p, 'other');
    await fillTitle(p, 'other', title);
    await field(p, dict.field.place).fill(PLACE);
    await field(p, dict.field.notes).fill(NOTES);
    return p.url();
  }

  /** What the browser does by itself on navigation or every hour: look for a new worker. */
  async function checkForUpdate(p: Page): Promise<void> {
    await p.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
  }

  async function acceptUpdateAndExpectFormBack(
    p: Page,
    formUrl: string,
    title: string,
  ): Promise<void> {
    const banner = p.getByRole('button', { name: dict.pwa.updateAvailable, exact: true });
    await banner.waitFor({ timeout: 30_000 });
    expect(
      await field(p, dict.field.otherTitle).inputValue(),
      'nothing reloads before the officer agrees',
    ).toBe(title);
    const reloaded = p.waitForEvent('load', { timeout: 20_000 }).then(
      () => true,
      () => false,
    );
    await banner.click();
    expect(
      await reloaded,
      'after "Cập nhật" the page must reload into the new version (it stayed on "Đang lưu nháp và cập nhật…")',
    ).toBe(true);
    await expect.poll(() => buildMarker(p), { timeout: 30_000 }).toBe(MARKER);
    expect(p.url()).toBe(formUrl);
    await field(p, dict.field.otherTitle).waitFor();
    expect(await field(p, dict.field.otherTitle).inputValue()).toBe(title);
    expect(await field(p, dict.field.place).inputValue()).toBe(PLACE);
    expect(await field(p, dict.field.notes).inputValue()).toBe(NOTES);
  }

  it('e) app reopened after its first visit: the "Đã có phiên bản mới — Cập nhật" banner appears and the half-filled form survives the update', async () => {
    await login(page, env.baseUrl, OFFICERS.lan);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The next morning the officer opens the app again: now a service worker controls it.
    await page.reload();
    await expectHome(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await buildMarker(page)).toBeNull();

    const formUrl = await halfFillForm(page, TITLE);
    await deploy(NEXT_BUILD);
    await checkForUpdate(page);
    await acceptUpdateAndExpectFormBack(page, formUrl, TITLE);

    // Finish and save the record; it reaches the server once.
    await field(page, dict.field.organiser).fill('UBND phường Vĩnh Thanh Vân');
    await page
      .getByRole('group', { name: dict.field.themes, exact: true })
      .getByRole('checkbox')
      .first()
      .check();
    await page
      .getByRole('group', { name: dict.field.targetGroups, exact: true })
      .getByRole('checkbox')
      .first()
      .check();
    await field(page, dict.field.participants.total).fill('18');
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await openNav(page, 'home');
    await expect.poll(() => shownUnsyncedCount(page), { timeout: 30_000 }).toBe(0);
    expect(readStoredActivities(env.dataDir).rows.map((r) => r.title)).toEqual([TITLE]);

    // The updated app still cold-starts with no network (enketo#986 broke exactly this).
    await goOffline(context);
    await page.reload();
    await expectHome(page);
    expect(await buildMarker(page)).toBe(MARKER);
    await goOnline(context);
  });

  it('e) same tab as the very first visit (never reloaded): "Cập nhật" still reloads into the new version with the form intact', async () => {
    await deploy(E2E_APP_DIR);
    const fresh = await (await newPhoneContext(env.browser)).newPage();
    page2 = fresh;
    await login(fresh, env.baseUrl, OFFICERS.lan);
    await fresh.evaluate(() => navigator.serviceWorker.ready);
    await expect
      .poll(() => fresh.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    expect(await buildMarker(fresh)).toBeNull();

    const title = `${TITLE} (thẻ đầu tiên)`;
    const formUrl = await halfFillForm(fresh, title);
    await deploy(NEXT_BUILD);
    await checkForUpdate(fresh);
    await acceptUpdateAndExpectFormBack(fresh, formUrl, title);
  });
});
