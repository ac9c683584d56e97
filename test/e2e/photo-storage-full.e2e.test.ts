import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { field, login, openNewForm } from './support/officer-ui';

// Session 11 audit (storage pressure on a cheap phone): a photo attached when the phone's storage
// is full was refused with the browser's own words — "«a.jpg»: The quota has been exceeded." —
// English in a Vietnamese screen, and no hint what to do. The refusal says it in Vietnamese, the
// form keeps what was typed, and attaching works again once there is room.
describe('attaching a photo when the phone’s storage is full', () => {
  let env: E2eEnv;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('photo-storage-full', [OFFICERS.lan]);
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });
  afterAll(async () => stopEnv(env));

  it('says the storage is full in Vietnamese, keeps the form, and attaches once there is room', async () => {
    await login(page, env.baseUrl, OFFICERS.lan);
    await openNewForm(page, 'other');
    await field(page, dict.field.otherTitle).fill('Họp dân khi máy đầy');
    const jpeg = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(800, 600);
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#2a6f4e';
        g.fillRect(0, 0, 800, 600);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      }),
    );
    // What Chromium's IndexedDB answers when the origin's quota is used up (the browser's
    // behaviour, simulated; none of the app's code is replaced).
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      const w = window as unknown as { __restoreIdb?: () => void };
      const original = { add: proto.add, put: proto.put };
      for (const method of ['add', 'put'] as const) {
        proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
          if (this.name === 'photos')
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return (original[method] as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
      w.__restoreIdb = () => Object.assign(proto, original);
    });
    await page.getByTestId('photo-gallery').setInputFiles({
      name: 'bien-ban.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    const refused = page.getByTestId('photo-refused');
    await refused.waitFor({ timeout: 30_000 });
    const text = await refused.innerText();
    expect(text).toContain('«bien-ban.jpg»');
    expect(text).toContain('bộ nhớ của máy đã đầy');
    expect(text).not.toMatch(/quota|exceeded|Error/i);
    expect(await page.getByTestId('photo-item').count()).toBe(0);
    expect(await field(page, dict.field.otherTitle).inputValue()).toBe('Họp dân khi máy đầy');

    await page.evaluate(() => (window as unknown as { __restoreIdb: () => void }).__restoreIdb());
    await page.getByTestId('photo-gallery').setInputFiles({
      name: 'bien-ban.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    await page.getByTestId('photo-item').waitFor({ timeout: 30_000 });
  });
});
