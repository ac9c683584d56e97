import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer } from './support/app-server';
import { CaddyProxy, httpsGet } from './support/caddy-proxy';
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
  const logLines: string[] = [];

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
    server.onLog((line) => logLines.push(line));
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

  it('serves the app over HTTPS with the security headers, and the service worker installs', async () => {
    const context = await browser.newContext({ ...PHONE, ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const response = await page.goto(caddy.url + '/');
      expect(response?.status()).toBe(200);
      expect(page.url()).toMatch(/^https:\/\/localhost:\d+\/$/);
      const headers = response!.headers();
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src [^;]*'self'/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
      // HTTPS reached the app through the trusted proxy, so browsers are told to stay on it.
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
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

  it('logs and limits the real client address even with a forged X-Forwarded-For', async () => {
    const login = (localAddress: string, forged: string) =>
      httpsGet(`${caddy.url}/api/auth/login`, {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forged },
        body: JSON.stringify({
          username: 'lan.vtv',
          password: 'sai-mat-khau',
          deviceName: 'Máy lạ',
        }),
      });

    // One machine (127.0.0.3) guesses, claiming a new address each time: the per-address limit
    // (5 per username from one address) still counts it as one machine.
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) statuses.push((await login('127.0.0.3', `203.0.113.${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);

    // Another machine is not blocked by the first one's guesses.
    expect((await login('127.0.0.4', '203.0.113.200')).status).toBe(401);

    // The log names the real machines, never the forged addresses.
    await expect
      .poll(() => logLines.filter((l) => l.includes('/api/auth/login')).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(9);
    const addresses = logLines
      .filter((l) => l.includes('/api/auth/login') && l.includes('remoteAddress'))
      .map((l) => (JSON.parse(l) as { req?: { remoteAddress?: string } }).req?.remoteAddress);
    expect(new Set(addresses)).toEqual(new Set(['127.0.0.3', '127.0.0.4']));
    expect(logLines.join('\n')).not.toContain('203.0.113.');
  });
});
