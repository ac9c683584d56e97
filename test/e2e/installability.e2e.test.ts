import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistentPhone } from './support/chromium';
import { startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { waitUntilOfflineReady } from './support/officer-ui';

// Issue 4 item 3: Chromium itself judges the app installable (its own criteria, over CDP, in a
// real on-disk profile), and the manifest it parsed has no errors.
interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the app is installable', () => {
  let env: E2eEnv;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('installability', []);
    profile = mkdtempSync(join(tmpdir(), 'e2e-profile-'));
    context = await launchPersistentPhone(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${env.baseUrl}/`);
    await waitUntilOfflineReady(page);
  });
  afterAll(async () => {
    await context?.close();
    await stopEnv(env);
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('Page.getInstallabilityErrors reports none', async () => {
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  });

  it('the manifest Chromium parsed has no errors and everything a home-screen app needs', async () => {
    const cdp = await context.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest', {});
    expect(parsed.url).toBe(`${env.baseUrl}/manifest.webmanifest`);
    expect(parsed.errors).toEqual([]);

    const res = await fetch(parsed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/(manifest\+)?json/);
    const manifest = (await res.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(manifest).toMatchObject({
      name: expect.stringMatching(/\S/),
      short_name: expect.stringMatching(/\S/),
      lang: 'vi',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    expect(
      String(manifest.short_name).length,
      'short_name fits under a home-screen icon',
    ).toBeLessThanOrEqual(12);

    const purposes = (icon: ManifestIcon) => (icon.purpose ?? 'any').split(/\s+/);
    const need = [
      { size: 192, purpose: 'any' },
      { size: 512, purpose: 'any' },
      { size: 512, purpose: 'maskable' },
    ];
    for (const { size, purpose } of need) {
      const icon = manifest.icons.find(
        (i) => i.sizes.split(/\s+/).includes(`${size}x${size}`) && purposes(i).includes(purpose),
      );
      expect(icon, `a ${size}×${size} "${purpose}" icon`).toBeDefined();
      const iconRes = await fetch(new URL(icon!.src, parsed.url));
      expect(iconRes.status, icon!.src).toBe(200);
      expect(iconRes.headers.get('content-type')).toBe('image/png');
      expect(
        pngSize(Buffer.from(await iconRes.arrayBuffer())),
        `${icon!.src} is a real ${size} px PNG`,
      ).toEqual({
        width: size,
        height: size,
      });
    }
  });
});
