import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  attendeeName,
  createActivity,
  expectHome,
  goOffline,
  goOnline,
  listedActivities,
  login,
  openNav,
  searchList,
  shownUnsyncedCount,
  syncRegion,
  type ActivitySpec,
} from './support/officer-ui';
import { activitiesVisibleTo, apiLogin, readStoredActivities } from './support/server-records';

// Issue 4, scenarios a–c: one officer's phone, online once, then a day in the field with no
// network, then back at the office.
const SPECS: ActivitySpec[] = [
  { type: 'dialogue', title: 'Đối thoại chính sách giảm nghèo ấp Tà Keo', attendees: 50 },
  { type: 'community_talk', title: 'Nói chuyện chuyên đề sinh kế cho hộ Khmer' },
  { type: 'printed_materials', title: 'Tờ rơi hướng dẫn vay vốn ưu đãi' },
  { type: 'mass_media', title: 'Bản tin loa truyền thanh về bảo hiểm y tế' },
  { type: 'training', title: 'Tập huấn rà soát hộ nghèo cuối năm' },
  { type: 'emulation', title: 'Biểu dương hộ vượt khó thoát nghèo' },
  { type: 'other', title: 'Thăm hỏi hộ nghèo dịp Tết Chôl Chnăm Thmây' },
];

describe('an officer works offline and syncs when back online', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('offline-sync', [OFFICERS.lan]);
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });
  afterAll(async () => stopEnv(env));

  it('a) first visit online: logs in, and the service worker takes control', async () => {
    await login(page, env.baseUrl, OFFICERS.lan);
    // The app tells the officer when it can be used with no network.
    await page.getByText(dict.pwa.offlineReady).waitFor({ timeout: 30_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    // A service worker installed by the first visit controls the page from the next load at
    // the latest (clients.claim() may make it control this one already).
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null)))
      await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    await expectHome(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys())
          urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached, 'the app shell is precached').toContain('/index.html');
    expect(
      cached.some((u) => /\/assets\/.+\.js$/.test(u)),
      'JS assets are precached',
    ).toBe(true);

    // The server recorded this phone as a device of the officer.
    const token = await apiLogin(env.baseUrl, OFFICERS.lan);
    const res = await fetch(`${env.baseUrl}/api/auth/devices`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const { devices } = (await res.json()) as { devices: { name: string; current: boolean }[] };
    expect(
      devices.filter((d) => !d.current),
      'the browser login created a device',
    ).toHaveLength(1);
  });

  it('b) with no network at all the app starts, takes one activity of each type, finds them, keeps them', async () => {
    await goOffline(context);
    await page.reload();
    await expectHome(page);
    await expect.poll(() => syncRegion(page).innerText()).toContain(dict.sync.offline);
    const reachable = await page.evaluate(() =>
      fetch('/api/health', { cache: 'no-store' }).then(
        () => true,
        () => false,
      ),
    );
    expect(reachable, 'the server must be unreachable from the page and its service worker').toBe(
      false,
    );

    for (const spec of SPECS) await createActivity(page, spec);
    expect(SPECS.map((s) => s.type).sort()).toEqual([...ACTIVITY_TYPES].sort());

    await openNav(page, 'home');
    expect(await shownUnsyncedCount(page)).toBe(SPECS.length);

    // Without diacritics, as on a keyboard with no Vietnamese input.
    await searchList(page, 'doi thoai chinh sach');
    await expect
      .poll(() => listedActivities(page))
      .toEqual([expect.stringContaining(SPECS[0]!.title)]);
    await searchList(page, 'dang van chu'); // the chair, "Đặng Văn Chủ"
    await expect
      .poll(() => listedActivities(page))
      .toEqual([expect.stringContaining(SPECS[0]!.title)]);
    await searchList(page, 'thoat ngheo');
    await expect
      .poll(() => listedActivities(page))
      .toEqual([expect.stringContaining(SPECS[5]!.title)]);

    await page.reload();
    await openNav(page, 'list');
    await field(page).fill('');
    const listed = await listedActivities(page);
    for (const spec of SPECS) {
      expect(
        listed.filter((row) => row.includes(spec.title)),
        spec.title,
      ).toHaveLength(1);
    }
    await page.getByRole('link', { name: new RegExp(SPECS[0]!.title) }).click();
    await page.getByRole('heading', { level: 1, name: SPECS[0]!.title }).waitFor();
    // textContent, not innerText: off-screen rows use content-visibility and have no layout text.
    const attendees = page
      .getByRole('list')
      .filter({ hasText: attendeeName(0) })
      .getByRole('listitem');
    await expect.poll(() => attendees.count()).toBe(50);
    expect(await attendees.last().textContent()).toContain(attendeeName(49));

    expect(
      readStoredActivities(env.dataDir).rows,
      'nothing reached the server while offline',
    ).toEqual([]);
  });

  it('c) network back: sync runs by itself, the server stores each record once, unsynced drops to 0', async () => {
    await openNav(page, 'home');
    await goOnline(context);
    // No click: the engine must notice the network on its own.
    await expect.poll(() => shownUnsyncedCount(page), { timeout: 60_000, interval: 500 }).toBe(0);
    await expect.poll(() => syncRegion(page).innerText()).toContain(dict.sync.allSynced);

    const stored = readStoredActivities(env.dataDir);
    expect(stored.rows.map((r) => r.title).sort()).toEqual(SPECS.map((s) => s.title).sort());
    expect(new Set(stored.rows.map((r) => r.id)).size).toBe(SPECS.length);
    expect(
      [...stored.versionsPerRecord.values()],
      'one version per record: no replay applied twice',
    ).toEqual(SPECS.map(() => 1));
    expect(stored.appliedMutations).toBe(SPECS.length);
    expect(stored.rows.every((r) => r.communeCode === OFFICERS.lan.unit)).toBe(true);

    const visible = await activitiesVisibleTo(env.baseUrl, OFFICERS.lan);
    const dialogue = [...visible.values()].find((a) => a.topic === SPECS[0]!.title);
    expect(dialogue?.attendees, 'the 50 attendees reached the server').toHaveLength(50);
    expect((dialogue?.participants as { total: number }).total).toBe(50);

    await openNav(page, 'list');
    const listed = await listedActivities(page);
    expect(listed).toHaveLength(SPECS.length);
    for (const row of listed) expect(row).toContain(dict.activityList.synced);
  });
});

function field(page: Page) {
  return page.getByLabel(dict.activityList.search, { exact: true });
}
