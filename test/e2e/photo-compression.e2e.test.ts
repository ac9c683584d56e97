import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhotoLab } from '../../bench/support/photo-lab-build';
import { serveStatic } from '../../bench/support/static-server';
import { launchBrowser } from './support/chromium';

// The app's compression code in real Chromium on a 12-megapixel camera-like JPEG made in the
// page (4000×3000, EXIF time and GPS, maker data).
describe('photo compression in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: Server;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'e2e-photo-lab-'));
    await buildPhotoLab(outDir);
    const served = await serveStatic(outDir);
    server = served.server;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('[photo lab]', e.message));
    await page.goto(`${served.url}/photo-lab.html`);
    await page.waitForFunction(() => 'photoLab' in window);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('compresses a 12-MP photo in the worker to ≤ 1600 px and ≤ 300 kB, keeping capture time, GPS only if allowed, nothing else', async () => {
    const withGps = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: false, keepLocation: true }),
    );
    expect(withGps.inputBytes).toBeGreaterThan(1_000_000);
    expect(withGps.inWorker).toBe(true);
    expect(Math.max(withGps.width, withGps.height)).toBe(1600);
    expect(withGps).toMatchObject({ width: 1600, height: 1200 });
    expect(withGps.bytes).toBeLessThanOrEqual(300_000);
    expect(withGps.capturedAt).toBe('2026-11-28T02:15:30.000Z');
    expect(withGps.location!.lat).toBeCloseTo(10.012345, 4);
    expect(withGps.fileMetadata.capturedAt).toBe('2026-11-28T02:15:30.000Z');
    expect(withGps.fileMetadata.gps!.lng).toBeCloseTo(105.080912, 4);
    expect(withGps.keepsCameraText).toBe(false);

    const noGps = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: false, keepLocation: false }),
    );
    expect(noGps.location).toBeUndefined();
    expect(noGps.fileMetadata.gps).toBeUndefined();
    expect(noGps.fileMetadata.capturedAt).toBe('2026-11-28T02:15:30.000Z');
    expect(noGps.keepsCameraText).toBe(false);
  });

  it('brings a grainy 12-MP photo from a dim room under 300 kB too (the issue’s typical size)', async () => {
    // Sensor noise is what makes a phone photo heavy: at the first quality this one is ~370 kB.
    const grainy = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: false, keepLocation: false, grain: 64 }),
    );
    expect(grainy.inputBytes).toBeGreaterThan(5_000_000);
    expect(grainy).toMatchObject({ width: 1600, height: 1200 });
    expect(grainy.bytes).toBeLessThanOrEqual(300_000);
  });

  it('falls back to the main thread with the same result', async () => {
    const main = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: true, keepLocation: false }),
    );
    expect(main.inWorker).toBe(false);
    expect(main).toMatchObject({ width: 1600, height: 1200 });
    expect(main.bytes).toBeLessThanOrEqual(300_000);
  });

  it('refuses a file that is not an image', async () => {
    const html = [...new TextEncoder().encode('<html><body>không phải ảnh</body></html>')];
    const result = await page.evaluate(
      (bytes) => window.photoLab.compressBytes(bytes, 'text/html'),
      html,
    );
    expect(result).toEqual({ ok: false, reason: 'notImage' });
  });
});
