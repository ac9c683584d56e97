import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { vi as dict } from '../../src/shared/i18n/vi';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import type { LoginResponse } from '../../src/shared/auth/auth-protocol';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { login } from './support/officer-ui';

// Issue 14: what a new phone's officer sees while thousands of records arrive, and the list's
// total after a cold start — in Chromium, where reading every search row takes real time.
const RECORDS = 2500;
const SHOWN_TOTAL = '2.500';

/** Pushes RECORDS activities of Hải's (and Lan's) ward from Hải's old phone. */
async function seed(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: OFFICERS.hai.username,
      password: OFFICERS.hai.password,
      deviceName: 'điện thoại cũ',
    }),
  });
  const { token, user } = (await response.json()) as LoginResponse;
  for (let sent = 0; sent < RECORDS; sent += 200) {
    const mutations = Array.from({ length: Math.min(200, RECORDS - sent) }, (_, i) => {
      const data = {
        ...newActivity(ACTIVITY_TYPES[(sent + i) % ACTIVITY_TYPES.length]!, {
          communeCode: user.unitCode,
          geographyId: user.geographyId,
          authorId: user.id,
          authorName: user.displayName,
          now: Date.now() - 24 * 3600_000,
        }),
        notes: `Hoạt động số ${sent + i + 1}`,
      };
      return {
        mutationId: uuidv7(),
        recordId: data.id,
        op: 'upsert',
        baseRev: null,
        data,
        clientTime: data.updatedAt,
      };
    });
    const pushed = await fetch(`${baseUrl}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ mutations }),
    });
    const { results } = (await pushed.json()) as PushResponse;
    const refused = results.filter((r) => r.status !== 'applied');
    if (refused.length > 0) throw new Error(`seed refused: ${JSON.stringify(refused[0])}`);
  }
}

interface Frame {
  unsynced: string;
  progress: string;
  last: string;
  listTotal: string;
}

/** Records every state of the sync card and of the list's total, from the first paint. */
async function watchScreens(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const frames: Frame[] = [];
    (window as unknown as { frames_: Frame[] }).frames_ = frames;
    const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
    const snap = () => {
      const listTotal = [...document.querySelectorAll('main [role="status"]')]
        .map((e) => e.textContent ?? '')
        .find((t) => t.startsWith('Đang hiện'));
      const frame = {
        unsynced: text('[data-testid="sync-unsynced"]'),
        progress: text('[data-testid="sync-progress"]'),
        last: text('[data-testid="sync-last"]'),
        listTotal: listTotal ?? '',
      };
      const previous = frames.at(-1);
      if (!previous || JSON.stringify(previous) !== JSON.stringify(frame)) frames.push(frame);
    };
    new MutationObserver(snap).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

const framesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { frames_: Frame[] }).frames_);

describe('a new phone’s first sync of thousands of records', () => {
  let env: E2eEnv;
  let page: Page | undefined;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('first-sync-status', [OFFICERS.lan, OFFICERS.hai]);
    await seed(env.baseUrl);
  });
  afterAll(async () => stopEnv(env));

  it('counts "n / m hoạt động", never says all synced early, and lists the right total after a cold start', async () => {
    page = await (await newPhoneContext(env.browser)).newPage();
    await watchScreens(page);
    await login(page, env.baseUrl, OFFICERS.lan);
    await page
      .getByTestId('sync-last')
      .getByText(/Lần đồng bộ gần nhất/)
      .waitFor({ timeout: 120_000 });
    await page.getByTestId('sync-unsynced').getByText(dict.sync.allSynced).waitFor();

    const frames = await framesOf(page);
    const early = frames.filter((f) => !f.last.includes('Lần đồng bộ gần nhất'));
    expect(early.length).toBeGreaterThan(0);
    expect(early.filter((f) => f.unsynced.includes(dict.sync.allSynced))).toEqual([]);
    const counts = frames
      .map((f) => f.progress)
      .filter((p) => /\d/.test(p) && p.startsWith('Đang nhận'))
      .map((p) => {
        const match = new RegExp(`^Đang nhận dữ liệu: ([\\d.]+) / ${SHOWN_TOTAL} hoạt động$`).exec(
          p,
        );
        expect(match, p).not.toBeNull();
        return Number(match![1]!.replaceAll('.', ''));
      });
    expect(counts.some((n) => n > 0 && n < RECORDS)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(RECORDS);

    // Cold start on a slow phone: a new page load straight into the list, CPU 4× slower.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${env.baseUrl}/#/activities`);
    await page.reload(); // only the hash changed above: this is the new page load
    const expected = `Đang hiện 50 / ${SHOWN_TOTAL} hoạt động`;
    await page.getByText(expected).waitFor({ timeout: 60_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const totals = new Set((await framesOf(page)).map((f) => f.listTotal).filter(Boolean));
    expect([...totals]).toEqual([expected]);
  });
});
