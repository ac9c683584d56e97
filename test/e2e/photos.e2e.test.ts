import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import {
  expectHome,
  field,
  goOffline,
  goOnline,
  login,
  openNav,
  openNewForm,
  shownUnsyncedCount,
  syncRegion,
  waitUntilOfflineReady,
} from './support/officer-ui';
import { activitiesVisibleTo } from './support/server-records';

// Issue 12: an evidence photo attached offline survives a reload, reaches the server when the
// phone is online again (the same bytes), and shows on the phone of another officer of the
// same commune.
const TITLE = 'Họp dân bình xét hộ nghèo ấp Tà Keo (ảnh)';
const CAPTION = 'Danh sách ký tên buổi họp';

/** A real 3000×2000 JPEG made by Chromium's encoder (a camera photo stand-in). */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 3000, 2000);
    gradient.addColorStop(0, '#2a6f4e');
    gradient.addColorStop(1, '#f2c14e');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 3000, 2000);
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360} 60% 50%)`;
      g.fillRect((i * 97) % 3000, (i * 53) % 2000, 60, 40);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}

/** The bytes the phone keeps of a photo (its own IndexedDB, table `photos`). */
async function localPhotoBytes(page: Page, sha256: string): Promise<Buffer | null> {
  const bytes = await page.evaluate(async (hash) => {
    const dbs = await indexedDB.databases();
    for (const info of dbs) {
      if (!info.name?.startsWith('outreach-log:')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (!db.objectStoreNames.contains('photos')) continue;
      const row = await new Promise<{ bytes: ArrayBuffer } | undefined>((resolve, reject) => {
        const get = db.transaction('photos').objectStore('photos').get(hash);
        get.onsuccess = () => resolve(get.result as { bytes: ArrayBuffer } | undefined);
        get.onerror = () => reject(get.error);
      });
      db.close();
      if (row) return Array.from(new Uint8Array(row.bytes));
    }
    return null;
  }, sha256);
  return bytes ? Buffer.from(bytes) : null;
}

async function syncNow(page: Page): Promise<void> {
  await openNav(page, 'home');
  await syncRegion(page).getByRole('button', { name: dict.sync.syncNow, exact: true }).click();
  await expect.poll(() => shownUnsyncedCount(page), { timeout: 60_000 }).toBe(0);
}

describe('evidence photos', () => {
  let env: E2eEnv;
  let lanContext: BrowserContext;
  let lan: Page;
  let hai: Page | undefined;
  screenshotOnFailure(() => [lan, hai]);

  beforeAll(async () => {
    env = await startEnv('photos', [OFFICERS.lan, OFFICERS.hai]);
    lanContext = await newPhoneContext(env.browser);
    lan = await lanContext.newPage();
  });
  afterAll(async () => stopEnv(env));

  it('a photo attached offline survives a reload, reaches the server and shows on a colleague’s phone', async () => {
    await login(lan, env.baseUrl, OFFICERS.lan);
    await waitUntilOfflineReady(lan);
    const jpeg = await cameraJpeg(lan);

    await goOffline(lanContext);
    await lan.reload();
    await expectHome(lan);
    await openNewForm(lan, 'other');
    await field(lan, dict.field.otherTitle).fill(TITLE);
    await field(lan, dict.field.place).fill('Nhà văn hóa ấp Tà Keo');
    await field(lan, dict.field.organiser).fill('UBND phường Rạch Giá');
    await lan
      .getByRole('group', { name: dict.field.themes, exact: true })
      .getByRole('checkbox')
      .first()
      .check();
    await lan
      .getByRole('group', { name: dict.field.targetGroups, exact: true })
      .getByRole('checkbox', { name: dict.targetGroup.poor_households, exact: true })
      .check();
    await field(lan, dict.field.participants.total).fill('30');

    // Not an image: refused at once, with the file's name and why.
    await lan.getByTestId('photo-gallery').setInputFiles({
      name: 'ghi-chu.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('không phải ảnh'),
    });
    const refused = lan.getByTestId('photo-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('«ghi-chu.txt» không phải là ảnh');

    await lan.getByTestId('photo-gallery').setInputFiles({
      name: 'bien-ban.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    const item = lan.getByTestId('photo-item');
    await item.waitFor({ timeout: 60_000 });
    expect(await item.count()).toBe(1);
    await field(item, dict.photos.caption).fill(CAPTION);
    await item.getByLabel(dict.photos.signedSheet, { exact: true }).check();
    await expect
      .poll(() => item.getByRole('img').getAttribute('src'), { timeout: 15_000 })
      .toMatch(/^blob:/);
    expect(await item.getByTestId('photo-upload-state').innerText()).toBe(dict.photos.notUploaded);
    // The draft autosave has run, then the tab reloads (offline): the photo is still there.
    await lan.waitForTimeout(1500);
    await lan.reload();
    const again = lan.getByTestId('photo-item');
    await again.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => again.getByRole('img').getAttribute('src'), { timeout: 15_000 })
      .toMatch(/^blob:/);
    const hash = await again.getByRole('img').getAttribute('data-photo');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    await lan.getByRole('button', { name: dict.activityForm.save, exact: true }).click();
    await lan
      .getByRole('heading', { level: 1, name: TITLE, exact: true })
      .waitFor({ timeout: 15_000 })
      .catch(async (error) => {
        const invalid = await lan.evaluate(() =>
          [...document.querySelectorAll('[aria-invalid="true"]')].map(
            (e) => `${e.id} ${(e as HTMLInputElement).name} ${(e as HTMLInputElement).value}`,
          ),
        );
        throw new Error(`not saved; invalid: ${invalid.join('; ')}`, { cause: error });
      });
    await lan.getByTestId('photo-gallery').waitFor();

    // Online again: the photo goes first, then the record.
    await goOnline(lanContext);
    await syncNow(lan);
    const stored = join(env.dataDir, 'photos', 'stored', hash!.slice(0, 2), hash!);
    await expect.poll(() => existsSync(stored), { timeout: 30_000 }).toBe(true);
    const onServer = readFileSync(stored);
    expect(createHash('sha256').update(onServer).digest('hex')).toBe(hash);
    const onPhone = await localPhotoBytes(lan, hash!);
    expect(onPhone?.equals(onServer), 'the server has the phone’s bytes, byte for byte').toBe(true);
    // Compressed on the phone: at most 1600 px wide, far smaller than the camera file.
    expect(onServer.length).toBeLessThan(jpeg.length);
    const records = await activitiesVisibleTo(env.baseUrl, OFFICERS.hai);
    const record = [...records.values()].find((r) => r.title === TITLE);
    expect(record?.photos).toEqual([
      expect.objectContaining({ sha256: hash, caption: CAPTION, signedSheet: true }),
    ]);
    const width = (record!.photos as { width: number }[])[0]!.width;
    expect(width).toBeLessThanOrEqual(1600);

    // Hải, same commune, another phone: the record comes with the photo, fetched when shown.
    hai = await (await newPhoneContext(env.browser)).newPage();
    await login(hai, env.baseUrl, OFFICERS.hai);
    await syncNow(hai);
    await openNav(hai, 'list');
    await hai.getByRole('link', { name: TITLE }).click();
    await hai.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    const shown = hai.getByTestId('photo-gallery').getByRole('img').first();
    await shown.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    expect(await shown.getAttribute('data-photo')).toBe(hash);
    const cached = await localPhotoBytes(hai, hash!);
    expect(cached?.equals(onServer), 'kept on Hải’s phone, not fetched each time').toBe(true);
  });
});
