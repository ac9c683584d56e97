import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  createActivity,
  listedActivities,
  login,
  openNav,
  shownUnsyncedCount,
  syncNow,
  syncRegion,
} from './support/officer-ui';
import { activitiesVisibleTo, readStoredActivities } from './support/server-records';

// Issue 4, scenario d: officers of one commune share their records; another commune sees none.
const FROM_LAN = 'Đối thoại với hộ cận nghèo khóm 3 (Lan)';
const FROM_HAI = 'Nói chuyện chuyên đề nuôi lươn không bùn (Hải)';
const FROM_SOK = 'Hoạt động riêng của phường Vĩnh Thông (Sóc)';

async function listAll(page: Page): Promise<string[]> {
  await openNav(page, 'list');
  return listedActivities(page);
}

describe('records are shared within a commune and nowhere else', () => {
  let env: E2eEnv;
  const pages: Record<'lan' | 'hai' | 'sok', Page | undefined> = {
    lan: undefined,
    hai: undefined,
    sok: undefined,
  };
  screenshotOnFailure(() => Object.values(pages));

  beforeAll(async () => {
    env = await startEnv('commune-sharing');
    for (const who of ['lan', 'hai', 'sok'] as const) {
      pages[who] = await (await newPhoneContext(env.browser)).newPage();
      await login(pages[who]!, env.baseUrl, OFFICERS[who]);
    }
  });
  afterAll(async () => stopEnv(env));

  it('d) two officers of the same commune see each other’s records; the other commune sees none', async () => {
    const lan = pages.lan!;
    const hai = pages.hai!;
    const sok = pages.sok!;
    await createActivity(lan, { type: 'dialogue', title: FROM_LAN });
    await createActivity(hai, { type: 'community_talk', title: FROM_HAI });
    await createActivity(sok, { type: 'other', title: FROM_SOK });
    await syncNow(lan);
    await syncNow(hai);
    await syncNow(sok);
    await syncNow(lan);

    const seenByLan = await listAll(lan);
    const seenByHai = await listAll(hai);
    const seenBySok = await listAll(sok);
    expect(
      seenByLan.some((r) => r.includes(FROM_HAI)),
      'Lan sees Hải’s record',
    ).toBe(true);
    expect(
      seenByHai.some((r) => r.includes(FROM_LAN)),
      'Hải sees Lan’s record',
    ).toBe(true);
    expect(
      seenByLan.some((r) => r.includes(FROM_SOK)),
      'Lan must not see Sóc’s record',
    ).toBe(false);
    expect(seenBySok.filter((r) => r.includes(FROM_LAN) || r.includes(FROM_HAI))).toEqual([]);
    expect(seenBySok).toHaveLength(1);

    // The server agrees: both commune records under 30742, Sóc's under 30760, each once.
    const stored = readStoredActivities(env.dataDir);
    expect(stored.rows.map((r) => [r.title, r.communeCode]).sort()).toEqual(
      [
        [FROM_HAI, OFFICERS.hai.unit],
        [FROM_LAN, OFFICERS.lan.unit],
        [FROM_SOK, OFFICERS.sok.unit],
      ].sort(),
    );
    const titles = (m: Map<string, Record<string, unknown>>) =>
      [...m.values()].map((a) => String(a.topic ?? a.title)).sort();
    expect(titles(await activitiesVisibleTo(env.baseUrl, OFFICERS.hai))).toEqual(
      [FROM_HAI, FROM_LAN].sort(),
    );
    expect(titles(await activitiesVisibleTo(env.baseUrl, OFFICERS.sok))).toEqual([FROM_SOK]);
  });
});
