import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  field,
  fillTitle,
  goOffline,
  goOnline,
  listedActivities,
  login,
  openNav,
  openNewForm,
  searchList,
  shownUnsyncedCount,
  syncRegion,
  waitUntilOfflineReady,
} from './support/officer-ui';
import { activitiesVisibleTo, sqliteFileIn } from './support/server-records';
import { addUserWithCli, runCli, type Officer } from './support/users-cli';

// Issue 9: a phone offline across the July 2025 switch. Its server knew only Kiên Giang's 2024
// tree when the officer last synced; while the phone is in the field the administrator imports
// the new An Giang (`npm run geography -- import`) and moves the account to the new Phường Rạch
// Giá (`npm run users -- move`). Back online: nothing is refused or lost, the record is mapped,
// the officer is told, the picker offers the new commune, old records read "(nay là …)".
const LAN: Officer = {
  username: 'lan.vtv',
  password: 'mat-khau-lan-2024',
  role: 'commune',
  unit: '30730', // Phường Vĩnh Thanh Vân (2024)
  name: 'Nguyễn Thị Lan',
};
const GEOGRAPHY_2025 = 'src/shared/geography/data/an-giang-2025.geography.json';

/** The server as it was before the 2025 data was imported: only the 2024 geography. */
function withoutGeography2025(dataDir: string): void {
  const db = new Database(sqliteFileIn(dataDir));
  try {
    db.prepare("delete from geographies where id = 'an-giang-2025'").run();
    db.prepare(
      "delete from changes where collection = 'geographies' and record_id = 'an-giang-2025'",
    ).run();
  } finally {
    db.close();
  }
}

async function createOther(page: Page, title: string, date?: string): Promise<void> {
  await openNewForm(page, 'other');
  if (date) await field(page, dict.field.date).fill(date);
  await fillTitle(page, 'other', title);
  await page.getByRole('button', { name: dict.activityForm.saveDraft, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

describe('an officer offline across the July 2025 reorganisation', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('geography-switch', []);
    await env.server.stop();
    withoutGeography2025(env.dataDir);
    await env.server.start();
    await addUserWithCli(env.dataDir, LAN);
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });
  afterAll(async () => stopEnv(env));

  it('records in the old ward before and after the switch while offline', async () => {
    await login(page, env.baseUrl, LAN);
    await waitUntilOfflineReady(page);
    // Synced while online: June 2025, before the switch.
    await createOther(page, 'Họp dân tháng 6', '2025-06-20');
    await openNav(page, 'home');
    await expect.poll(() => shownUnsyncedCount(page), { timeout: 30_000 }).toBe(0);

    await goOffline(context);
    await openNewForm(page, 'other');
    // The phone knows only the 2024 tree: the officer's own old ward, chosen already.
    const picker = field(page, dict.field.communeCode);
    await expect
      .poll(() => picker.locator('option:checked').innerText())
      .toBe('Phường Vĩnh Thanh Vân, Thành phố Rạch Giá');
    await fillTitle(page, 'other', 'Họp dân sau sáp nhập');
    await page.getByRole('button', { name: dict.activityForm.saveDraft, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Họp dân sau sáp nhập' }).waitFor();
    await openNav(page, 'home');
    expect(await shownUnsyncedCount(page)).toBe(1);
  });

  it('back online after the import and the move: accepted, mapped, told, new picker', async () => {
    await runCli(env.dataDir, 'geography', ['import', '--file', GEOGRAPHY_2025]);
    await runCli(env.dataDir, 'users', [
      'move',
      '--username',
      LAN.username,
      '--unit',
      '30742',
      '--geography',
      'an-giang-2025',
    ]);

    await goOnline(context);
    const bar = syncRegion(page);
    await bar.getByRole('button', { name: dict.sync.syncNow, exact: true }).click();
    await expect.poll(() => shownUnsyncedCount(page), { timeout: 60_000 }).toBe(0);

    // The officer is told: the record was stored under the new commune, the account moved.
    await expect.poll(() => bar.innerText(), { timeout: 30_000 }).toContain(dict.sync.mappedTitle);
    const text = (await bar.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('«Họp dân sau sáp nhập»: Phường Vĩnh Thanh Vân → Phường Rạch Giá');
    expect(text).toContain(dict.sync.movedTitle);
    expect(text).toContain('từ Phường Vĩnh Thanh Vân sang Phường Rạch Giá');

    // The server stored it under Phường Rạch Giá of 2025; June keeps its 2024 ward.
    const moved = { ...LAN, unit: '30742' };
    const stored = [...(await activitiesVisibleTo(env.baseUrl, moved)).values()];
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Họp dân sau sáp nhập',
          geographyId: 'an-giang-2025',
          communeCode: '30742',
        }),
        expect.objectContaining({
          title: 'Họp dân tháng 6',
          geographyId: 'kien-giang-2024',
          communeCode: '30730',
        }),
      ]),
    );

    // The new commune picker: today is in the new An Giang, and the account is Rạch Giá's.
    await openNewForm(page, 'other');
    const picker = field(page, dict.field.communeCode);
    await expect.poll(() => picker.locator('option').allInnerTexts()).toEqual(['Phường Rạch Giá']);

    // Old records read with the present commune.
    await searchList(page, 'thang 6');
    await expect
      .poll(() => listedActivities(page))
      .toEqual([expect.stringContaining('Phường Vĩnh Thanh Vân (nay là Phường Rạch Giá)')]);
    await page.getByRole('link', { name: /Họp dân tháng 6/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Họp dân tháng 6' }).waitFor();
    await expect
      .poll(() => page.getByRole('main').innerText())
      .toContain('Phường Vĩnh Thanh Vân (nay là Phường Rạch Giá)');
  });
});
