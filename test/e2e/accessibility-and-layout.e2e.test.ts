import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  addAttendees,
  createActivity,
  expectHome,
  field,
  listedActivities,
  login,
  openNav,
  openNewForm,
} from './support/officer-ui';
import { en } from '../../src/shared/i18n/en';
import { expectCleanScreen, navLabelClashes } from './support/screen-checks';

// Issue 4 item 4: every screen at 360 × 740 — axe-core finds no serious or critical violation,
// nothing scrolls sideways, and every control is at least 48 × 48 px.
const TITLE = 'Đối thoại chính sách với hộ nghèo khóm 5';

describe('accessibility and phone layout of every screen', () => {
  let env: E2eEnv;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('a11y', [OFFICERS.lan]);
    page = await (await newPhoneContext(env.browser)).newPage();
  });
  afterAll(async () => stopEnv(env));

  const checkScreen = (name: string) => expectCleanScreen(page, name);

  it('login screen', async () => {
    await page.goto(`${env.baseUrl}/`);
    await page.getByRole('heading', { name: dict.auth.title }).waitFor();
    await checkScreen('login');
  });

  it('home screen', async () => {
    await login(page, env.baseUrl, OFFICERS.lan);
    await expectHome(page);
    await checkScreen('home');
  });

  for (const type of ACTIVITY_TYPES) {
    it(`create form: ${dict.activityType[type]}`, async () => {
      await openNewForm(page, type);
      await checkScreen(`new ${type}`);
    });
  }

  it('create form with the attendee list (quick add and a listed person)', async () => {
    await openNewForm(page, 'community_talk');
    await addAttendees(page, 2);
    await checkScreen('attendee list');
  });

  it('form showing validation messages', async () => {
    await openNewForm(page, 'training');
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await checkScreen('validation errors');
  });

  it('activity list', async () => {
    await createActivity(page, { type: 'dialogue', title: TITLE, attendees: 3 });
    await openNav(page, 'list');
    expect(await listedActivities(page)).toHaveLength(1);
    await checkScreen('list');
  });

  it('activity detail', async () => {
    await page.getByRole('link', { name: new RegExp(TITLE) }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await checkScreen('detail');
  });

  it('settings', async () => {
    await openNav(page, 'settings');
    await page.getByRole('heading', { level: 1, name: dict.settings.title }).waitFor();
    await checkScreen('settings');
  });

  it('search with no result', async () => {
    await openNav(page, 'list');
    await field(page, dict.activityList.search).fill('khong co hoat dong nay');
    await page.getByText(dict.activityList.empty).waitFor();
    await checkScreen('empty search');
  });

  // Since Báo cáo joined the bar its four labels ran together at 360 px ("Trang chủHoạt động").
  it('bottom navigation: labels apart and 48 px targets at 360 and 320 px, in Vietnamese and English', async () => {
    for (const texts of [dict, en]) {
      const go = (key: 'home' | 'settings') =>
        page
          .getByRole('navigation', { name: texts.nav.main })
          .getByRole('link', { name: texts.nav[key], exact: true })
          .click();
      for (const width of [360, 320]) {
        await page.setViewportSize({ width, height: 740 });
        await go('home');
        await page.getByRole('heading', { name: texts.home.addActivity }).waitFor();
        await checkScreen(`home ${texts.nav.home} at ${width} px`);
        expect(await navLabelClashes(page), `${texts.nav.home} at ${width} px`).toEqual([]);
      }
      await page.setViewportSize({ width: 360, height: 740 });
      await go('settings');
      if (texts === dict) await page.getByRole('radio', { name: 'English' }).check();
    }
  });
});
