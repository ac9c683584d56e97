import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import type { ActivityType } from '../../../src/shared/activity/activity-enums';
import { vi } from '../../../src/shared/i18n/vi';
import type { Officer } from './users-cli';

// What an officer does, through what an officer sees: roles, labels and the Vietnamese texts of
// src/shared/i18n/vi.ts (never CSS classes). Each step waits for the visible result.
const T = vi as unknown as Record<string, Record<string, string>>;
const text = (group: string, key: string) => T[group]![key]!;

export const TYPE_LABEL = vi.activityType as Record<ActivityType, string>;

export function field(page: Page | Locator, label: string): Locator {
  return page.getByLabel(label, { exact: true });
}

export function syncRegion(page: Page): Locator {
  return page.getByRole('region', { name: text('sync', 'title'), exact: true });
}

export async function login(page: Page, baseUrl: string, officer: Officer): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: text('auth', 'title') }).waitFor();
  await field(page, text('auth', 'username')).fill(officer.username);
  await field(page, text('auth', 'password')).fill(officer.password);
  const device = field(page, text('auth', 'deviceName'));
  if ((await device.count()) > 0 && (await device.inputValue()) === '') {
    await device.fill(`e2e-${officer.username}`);
  }
  await page.getByRole('button', { name: text('auth', 'submit'), exact: true }).click();
  await expectHome(page);
}

export async function expectHome(page: Page): Promise<void> {
  await page.getByRole('heading', { name: text('home', 'addActivity') }).waitFor();
}

/**
 * Waits until the app shell is precached and a service worker controls the page (reloading
 * once if the worker does not claim the page by itself) — before that, no offline start.
 */
export async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null)))
    await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
}

const offlineRoutes = new WeakMap<BrowserContext, (route: Route) => Promise<void>>();

/**
 * No network at all: the page's requests AND the service worker's own fetches fail (Playwright
 * routes see service-worker requests in Chromium), as on a phone with mobile data off.
 * Routes added before this call are shadowed until goOnline().
 */
export async function goOffline(context: BrowserContext): Promise<void> {
  const handler = (route: Route) => route.abort('internetdisconnected');
  offlineRoutes.set(context, handler);
  await context.setOffline(true);
  await context.route('**/*', handler);
}

export async function goOnline(context: BrowserContext): Promise<void> {
  const handler = offlineRoutes.get(context);
  if (handler) await context.unroute('**/*', handler);
  offlineRoutes.delete(context);
  await context.setOffline(false);
}

export async function openNav(page: Page, key: 'home' | 'list' | 'settings'): Promise<void> {
  await page
    .getByRole('navigation', { name: text('nav', 'main') })
    .getByRole('link', { name: text('nav', key), exact: true })
    .click();
}

export interface ActivitySpec {
  type: ActivityType;
  /** Title / topic: how the officer finds it again. */
  title: string;
  /** Names to type into the attendee list (types with attendance only). */
  attendees?: number;
  /** The activity's day as typed (dd/MM/yyyy); today when absent. */
  date?: string;
}

export function attendeeName(i: number): string {
  const family = ['Nguyễn', 'Trần', 'Lê', 'Thạch', 'Danh', 'Đặng'];
  const given = ['Thị Hoa', 'Văn Sóc', 'Ngọc Lan', 'Minh Khánh', 'Thị Sa Rươne'];
  return `${family[i % family.length]} ${given[i % given.length]} ${i + 1}`;
}

const TITLE_FIELD: Record<ActivityType, string> = {
  dialogue: 'topic',
  community_talk: 'talkTopic',
  printed_materials: 'printedTitle',
  mass_media: 'mediaTitle',
  training: 'trainingTopic',
  emulation: 'emulationTitle',
  other: 'otherTitle',
};

/** Opens the new form of `type` from the home screen. */
export async function openNewForm(page: Page, type: ActivityType): Promise<void> {
  await openNav(page, 'home');
  await page.getByRole('link', { name: TYPE_LABEL[type], exact: true }).first().click();
  await page
    .getByRole('heading', {
      name: text('activityForm', 'newTitle').replace('{{type}}', TYPE_LABEL[type]),
    })
    .waitFor();
}

export async function fillTitle(page: Page, type: ActivityType, title: string): Promise<void> {
  await field(page, text('field', TITLE_FIELD[type])).fill(title);
}

/** Fills what a complete record of `spec.type` needs and taps "Lưu"; ends on the detail screen. */
export async function createActivity(page: Page, spec: ActivitySpec): Promise<void> {
  await openNewForm(page, spec.type);
  await fillTitle(page, spec.type, spec.title);
  if (spec.date) await field(page, vi.field.date).fill(spec.date);
  await field(page, text('field', 'place')).fill('Nhà văn hóa ấp Tà Keo');
  await field(page, text('field', 'organiser')).fill('UBND phường Vĩnh Thanh Vân');
  await page
    .getByRole('group', { name: text('field', 'themes'), exact: true })
    .getByRole('checkbox')
    .first()
    .check();
  await page
    .getByRole('group', { name: text('field', 'targetGroups'), exact: true })
    .getByRole('checkbox', { name: vi.targetGroup.poor_households, exact: true })
    .check();

  switch (spec.type) {
    case 'dialogue':
      await field(page, vi.field.chair).fill('Đặng Văn Chủ');
      break;
    case 'community_talk':
      await field(page, vi.field.speaker).fill('Lê Thị Báo Cáo');
      break;
    case 'printed_materials': {
      const leaflets = page.getByRole('group', { name: vi.printedKind.leaflet, exact: true });
      await field(leaflets, vi.field.printed).fill('500');
      await field(leaflets, vi.field.distributed).fill('450');
      break;
    }
    case 'mass_media':
      await field(page, vi.field.itemCount).fill('3');
      await field(page, vi.field.durationMinutes).fill('45');
      break;
    default:
      break;
  }

  if (!['printed_materials', 'mass_media'].includes(spec.type)) {
    if (spec.attendees && spec.attendees > 0) {
      await addAttendees(page, spec.attendees);
    } else {
      await field(page, vi.field.participants.total).fill('30');
      await field(page, vi.field.participants.female).fill('12');
    }
  }

  await page.getByRole('button', { name: vi.activityForm.save, exact: true }).click();
  // The detail screen, headed by the activity's own title.
  await page
    .getByRole('heading', { level: 1, name: spec.title, exact: true })
    .waitFor({ timeout: 15_000 });
}

/** Switches to "Ghi danh sách" and types `count` people with the quick-add row (Enter adds). */
export async function addAttendees(page: Page, count: number, from = 0): Promise<void> {
  const mode = page.getByRole('radio', { name: vi.attendance.modeList, exact: true });
  if (!(await mode.isChecked())) {
    page.once('dialog', (d) => void d.accept());
    await mode.check();
  }
  const quickAdd = page.getByRole('group', { name: vi.attendance.quickAdd, exact: true });
  for (let i = from; i < from + count; i++) {
    await field(quickAdd, vi.attendance.fullName).fill(attendeeName(i));
    await field(quickAdd, vi.attendance.sex).selectOption({
      label: i % 2 ? vi.sex.male : vi.sex.female,
    });
    await field(quickAdd, vi.attendance.birthYear).fill(String(1950 + (i % 50)));
    await field(quickAdd, vi.attendance.birthYear).press('Enter');
    await quickAdd
      .getByRole('status')
      .filter({ hasText: `Tổng: ${i + 1} người` })
      .waitFor({ state: 'attached' });
  }
}

/** Types a query in the list screen's search box and waits for the list to settle. */
export async function searchList(page: Page, query: string): Promise<Locator> {
  await openNav(page, 'list');
  await page.getByRole('heading', { name: vi.activityList.title }).waitFor();
  await field(page, vi.activityList.search).fill(query);
  await page
    .waitForURL((url) => url.hash.includes(`q=${encodeURIComponent(query).replace(/%20/g, '+')}`), {
      timeout: 5_000,
    })
    .catch(() => undefined);
  return page
    .getByRole('list')
    .filter({ has: page.getByRole('link') })
    .last();
}

/** The unsynced count as the sync bar shows it (0 when it says everything is synced). */
export async function shownUnsyncedCount(page: Page): Promise<number> {
  const bar = syncRegion(page);
  await bar.waitFor();
  const content = (await bar.innerText()).replace(/\s+/g, ' ');
  if (content.includes(text('sync', 'allSynced'))) return 0;
  const m = /(\d+) hoạt động chưa đồng bộ/.exec(content);
  if (!m) throw new Error(`the sync bar shows no unsynced count: "${content}"`);
  return Number(m[1]);
}

/** Link texts of the activities listed on the current list screen (empty when none). */
export async function listedActivities(page: Page): Promise<string[]> {
  const main = page.getByRole('main');
  await main
    .getByText(new RegExp(`${vi.activityList.empty}|Đang hiện`))
    .first()
    .waitFor();
  return (await main.getByRole('listitem').getByRole('link').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

/** Presses Đồng bộ on the home screen and waits until nothing is left to send and it is idle. */
export async function syncNow(page: Page): Promise<void> {
  await openNav(page, 'home');
  const button = syncRegion(page).getByRole('button', {
    name: text('sync', 'syncNow'),
    exact: true,
  });
  // The sync this click starts must have pulled before the caller goes on: the bar says "all
  // synced" and the button is enabled already in the instant between the click and the engine
  // taking its lock, and a caller going offline then cuts the pull (seen on a fast host).
  const pull = page.waitForRequest((r) => r.url().includes('/api/sync/pull'), { timeout: 30_000 });
  await button.click();
  await (await pull).response();
  await expect.poll(() => shownUnsyncedCount(page), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
}
