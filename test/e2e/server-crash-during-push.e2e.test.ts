import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  createActivity,
  goOffline,
  goOnline,
  listedActivities,
  login,
  openNav,
  shownUnsyncedCount,
  syncRegion,
  waitUntilOfflineReady,
  type ActivitySpec,
} from './support/officer-ui';
import { activitiesVisibleTo, readStoredActivities } from './support/server-records';

// Issue 4, scenario f: the server dies (SIGKILL: no graceful shutdown, as in a power cut) while
// the phone is pushing, twice — once after it committed but before the phone heard the answer,
// once as the request arrives — and is restarted on the same database.
const FIRST: ActivitySpec[] = [
  { type: 'community_talk', title: 'Sinh hoạt chuyên đề ấp Xẻo Gia' },
  { type: 'training', title: 'Tập huấn điều tra viên rà soát' },
  { type: 'other', title: 'Khảo sát hộ có nhu cầu nhà ở' },
];
const LATER: ActivitySpec[] = [
  { type: 'mass_media', title: 'Phát thanh chính sách BHYT cận nghèo' },
  { type: 'emulation', title: 'Phát động phong trào tháng 4' },
];
const ALL = [...FIRST, ...LATER];

describe('the server is killed during a push and restarted', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('server-crash', [OFFICERS.lan]);
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });
  afterAll(async () => stopEnv(env));

  async function syncNow(): Promise<void> {
    await openNav(page, 'home');
    const button = syncRegion(page).getByRole('button', { name: dict.sync.syncNow, exact: true });
    await button.waitFor();
    if (await button.isEnabled()) await button.click();
  }

  it('f) sync completes with nothing lost and nothing duplicated', async () => {
    await login(page, env.baseUrl, OFFICERS.lan);
    await waitUntilOfflineReady(page);

    // Crash 1: the server commits the batch, then dies before the phone hears the answer.
    let pushes = 0;
    let committedThenKilled = false;
    await context.route('**/api/sync/push', async (route) => {
      pushes += 1;
      if (pushes === 1) {
        await route.fetch();
        env.server.killNow();
        committedThenKilled = true;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });

    await goOffline(context);
    for (const spec of FIRST) await createActivity(page, spec);
    await goOnline(context);
    await expect.poll(() => committedThenKilled, { timeout: 30_000 }).toBe(true);
    await env.server.stop();

    // The office has no server for a while; the officer keeps recording.
    for (const spec of LATER) await createActivity(page, spec);
    await openNav(page, 'home');
    expect(await shownUnsyncedCount(page)).toBe(ALL.length);

    // Crash 2: the restarted server dies again the moment the next push reaches it.
    let killedOnArrival = false;
    const stopWatching = env.server.onLog((line) => {
      if (
        !killedOnArrival &&
        line.includes('incoming request') &&
        line.includes('/api/sync/push')
      ) {
        killedOnArrival = true;
        env.server.killNow();
      }
    });
    await env.server.start();
    expect(
      readStoredActivities(env.dataDir)
        .rows.map((r) => r.title)
        .sort(),
      'crash 1 happened after the commit: the first batch is on disk',
    ).toEqual(FIRST.map((s) => s.title).sort());
    await syncNow();
    await expect.poll(() => killedOnArrival, { timeout: 60_000 }).toBe(true);
    stopWatching();
    await env.server.stop();

    // Back for good, on the same database file.
    await env.server.start();
    await syncNow();
    await expect.poll(() => shownUnsyncedCount(page), { timeout: 90_000, interval: 1000 }).toBe(0);

    const stored = readStoredActivities(env.dataDir);
    expect(stored.rows.map((r) => r.title).sort()).toEqual(ALL.map((s) => s.title).sort());
    expect(new Set(stored.rows.map((r) => r.id)).size).toBe(ALL.length);
    expect(
      [...stored.versionsPerRecord.values()],
      'each record has exactly one version: replayed mutations were recognised as duplicates',
    ).toEqual(ALL.map(() => 1));
    expect(stored.appliedMutations).toBe(ALL.length);
    const visible = await activitiesVisibleTo(env.baseUrl, OFFICERS.lan);
    expect(visible.size).toBe(ALL.length);

    await openNav(page, 'list');
    const listed = await listedActivities(page);
    expect(listed).toHaveLength(ALL.length);
    for (const row of listed) expect(row).toContain(dict.activityList.synced);
    expect(pushes, 'the phone retried after each crash').toBeGreaterThanOrEqual(3);
  });
});
