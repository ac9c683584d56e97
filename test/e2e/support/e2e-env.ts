import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AppServer } from './app-server';
import { launchBrowser } from './chromium';
import { freePort } from './free-port';
import { addUserWithAdminApi, addUserWithCli, type Officer } from './users-cli';

/**
 * Two officers of Phường Rạch Giá and one of the neighbouring Phường Vĩnh Thông: units of the
 * geography in force since 1 July 2025, as `npm run users -- add` takes them by default.
 */
export const OFFICERS = {
  lan: {
    username: 'lan.vtv',
    password: 'mat-khau-lan-2024',
    role: 'commune',
    unit: '30742',
    name: 'Nguyễn Thị Lan',
  },
  hai: {
    username: 'hai.vtv',
    password: 'mat-khau-hai-2024',
    role: 'commune',
    unit: '30742',
    name: 'Trần Văn Hải',
  },
  sok: {
    username: 'sok.vinhthanh',
    password: 'mat-khau-sok-2024',
    role: 'commune',
    unit: '30760',
    name: 'Thạch Sóc',
  },
} satisfies Record<string, Officer>;

/** The provincial department's poverty-reduction officer (An Giang since July 2025). */
export const PROVINCE_OFFICER: Officer = {
  username: 'so.nnmt',
  password: 'mat-khau-so-nnmt-2024',
  role: 'province',
  unit: '91',
  name: 'Phòng Giảm nghèo, Sở Nông nghiệp và Môi trường',
};

export interface E2eEnv {
  server: AppServer;
  dataDir: string;
  browser: Browser;
  baseUrl: string;
}

/**
 * One scenario file's world: the real server on a free port with a fresh SQLite DATA_DIR, the
 * officers created through the CLI, and one Chromium.
 */
export async function startEnv(
  label: string,
  officers: Officer[] = Object.values(OFFICERS),
): Promise<E2eEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), `e2e-${label}-`));
  const server = new AppServer({ port: await freePort(), dataDir, label });
  await server.start();
  for (const officer of officers) {
    if (process.env.E2E_ALLOW_API_USERS === '1') {
      await addUserWithAdminApi(server.url, server.recentLog(200), officer);
    } else {
      await addUserWithCli(dataDir, officer);
    }
  }
  const browser = await launchBrowser();
  return { server, dataDir, browser, baseUrl: server.url };
}

export async function stopEnv(env: E2eEnv | undefined): Promise<void> {
  if (!env) return;
  await env.browser.close().catch(() => undefined);
  await env.server.stop();
  rmSync(env.dataDir, { recursive: true, force: true });
}
