import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer } from './support/app-server';
import { CaddyProxy } from './support/caddy-proxy';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE } from './support/chromium';
import { freePort } from './support/free-port';
import { addUserWithCli } from './support/users-cli';

// The deployment of docs/deploy.md, for real: the app on loopback with TRUST_PROXY=127.0.0.1,
// Debian's Caddy in front with HTTPS (`tls internal`), a phone-sized Chromium on the HTTPS side.
describe('behind Caddy over HTTPS', () => {
  let dataDir: string;
  let caddyDir: string;
  let server: AppServer;
  let caddy: CaddyProxy;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e2e-caddy-data-'));
    caddyDir = mkdtempSync(join(tmpdir(), 'e2e-caddy-'));
    server = new AppServer({
      port: await freePort(),
      dataDir,
      label: 'behind-caddy',
      env: { TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    await server.start();
    await addUserWithCli(dataDir, {
      username: 'lan.vtv',
      password: 'mat-khau-lan-2024',
      role: 'commune',
      unit: '30742',
      name: 'Nguyễn Thị Lan',
    });
    caddy = new CaddyProxy(
      caddyDir,
      await freePort(),
      await freePort(),
      server.url.replace('http://', ''),
    );
    await caddy.start();
    // A phone that trusts the server's certificate (Caddy's local authority is not installed
    // in this profile, so certificate errors are waved through instead).
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'],
    });
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await caddy?.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(caddyDir, { recursive: true, force: true });
  });

  it('serves the app over HTTPS through Caddy, and the service worker installs', async () => {
    const context = await browser.newContext({ ...PHONE, ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const response = await page.goto(caddy.url + '/');
      expect(response?.status()).toBe(200);
      expect(page.url()).toMatch(/^https:\/\/localhost:\d+\/$/);
      // The login page is up (no CSP violation blocked the app), and the worker takes over.
      await page.getByLabel(/Tên đăng nhập/).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              return registration?.active?.state;
            }),
          { timeout: 30_000 },
        )
        .toBe('activated');
      expect(await page.evaluate(() => location.protocol)).toBe('https:');
    } finally {
      await context.close();
    }
  });
});
