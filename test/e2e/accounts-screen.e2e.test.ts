import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as VI } from '../../src/shared/i18n/vi';
import { accountsAdminVi as ADMIN_TEXTS } from '../../src/shared/i18n/accounts-admin.vi';
import { newPhoneContext } from './support/chromium';
import { startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { field, login, openNav } from './support/officer-ui';
import { expectCleanScreen } from './support/screen-checks';
import type { Officer } from './support/users-cli';

// The accounts screen in a real Chromium against the real server: an admin creates an officer
// with a server-made password (shown once), the officer logs in with it on a phone and sees the
// phone on "Thiết bị"; the admin disables the account, the phone is cut off, the log says so.
const ADMIN: Officer = {
  username: 'quantri.tinh',
  password: 'mat-khau-quan-tri-2024',
  role: 'admin',
  unit: '91',
  name: 'Quản trị tỉnh',
};
const OFFICER: Officer = {
  username: 'lan.rachgia',
  password: 'mat-khau-lan-2025',
  role: 'commune',
  unit: '30742',
  name: 'Nguyễn Thị Lan',
};
const A = VI.accounts;

describe('accounts screen', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startEnv('accounts', [ADMIN, OFFICER]);
  });
  afterAll(() => stopEnv(env));

  async function openAccounts(page: Page) {
    await openNav(page, 'settings');
    await page.getByRole('link', { name: A.manage }).click();
    await page.getByRole('heading', { name: A.title, exact: true }).waitFor();
  }

  it('creates an officer, who logs in with the password shown once; disabling cuts the phone off', async () => {
    const adminContext = await newPhoneContext(env.browser);
    const phoneContext = await newPhoneContext(env.browser);
    try {
      const admin = await adminContext.newPage();
      admin.on('dialog', (dialog) => void dialog.accept());
      await login(admin, env.baseUrl, ADMIN);
      await openAccounts(admin);

      await admin.getByRole('button', { name: ADMIN_TEXTS.create.open }).click();
      await field(admin, A.username).fill('binh.vtv');
      await field(admin, A.displayName).fill('Trần Văn Bình');
      await field(admin, A.unit).selectOption('30742');
      await admin.getByRole('button', { name: ADMIN_TEXTS.create.submit }).click();
      const shown = admin.getByTestId('one-time-password');
      await shown.waitFor();
      const password = (await shown.textContent())!.trim();
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      await admin.getByRole('button', { name: ADMIN_TEXTS.oneTime.done }).click();
      await expect.poll(() => shown.count()).toBe(0);
      const entry = admin.getByTestId('account').filter({ hasText: 'binh.vtv' });
      await entry.waitFor();

      // The officer, on a phone, with the password the admin read out.
      const phone = await phoneContext.newPage();
      await login(phone, env.baseUrl, {
        username: 'binh.vtv',
        password,
        role: 'commune',
        unit: '30742',
        name: 'Trần Văn Bình',
      });
      await openNav(phone, 'settings');
      await phone.getByRole('link', { name: A.devices.title, exact: true }).click();
      const device = phone.getByTestId('device').filter({ hasText: A.devices.this });
      await device.waitFor();
      expect(await phone.getByTestId('device').count()).toBe(1);

      // The admin disables the account.
      await entry.getByRole('link').click();
      await admin.getByRole('button', { name: ADMIN_TEXTS.access.disable }).click();
      await admin.getByText(A.disabled, { exact: true }).first().waitFor();
      const history = admin.getByTestId('audit-entry');
      await expect
        .poll(() => history.first().textContent())
        .toContain('quantri.tinh đã khóa tài khoản binh.vtv');
      expect(await history.last().textContent()).toContain(
        'quantri.tinh đã tạo tài khoản binh.vtv',
      );

      // The phone is cut off at once.
      await phone.reload();
      await phone.getByText(A.error.sessionEnded).first().waitFor({ timeout: 30_000 });
    } finally {
      await adminContext.close();
      await phoneContext.close();
    }
  });

  it('logs out from Cài đặt: the server refuses the old token, the phone keeps its key', async () => {
    const context = await newPhoneContext(env.browser);
    try {
      const phone = await context.newPage();
      phone.on('dialog', (dialog) => void dialog.accept());
      await login(phone, env.baseUrl, OFFICER);
      await openNav(phone, 'settings');
      const token = await phone.evaluate(
        () =>
          (JSON.parse(localStorage.getItem('outreach-log:session')!) as { token: string }).token,
      );
      const me = () =>
        fetch(`${env.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect((await me()).status).toBe(200);

      await phone.getByRole('button', { name: VI.auth.logout, exact: true }).click();
      await phone.getByText(VI.auth.loggedOut).waitFor({ timeout: 30_000 });
      await phone.getByRole('heading', { name: VI.auth.title }).waitFor();
      expect(await phone.evaluate(() => localStorage.getItem('outreach-log:session'))).toBeNull();
      expect(
        await phone.evaluate(() => localStorage.getItem('outreach-log:pending-logouts')),
      ).toBeNull();
      expect((await me()).status).toBe(401);
      // The device key stays: this phone is still known to the account at its next login.
      expect(
        await phone.evaluate(() => localStorage.getItem('outreach-log:device-keys')),
      ).toContain(OFFICER.username);
    } finally {
      await context.close();
    }
  });

  // Issue 4 item 4 and issue 11 for the account screens too: axe (no serious or critical
  // violation), nothing sideways at 360 px, 48 px targets — with their error messages shown.
  it('every account screen, on a 360 × 740 phone, passes the checks of the other screens', async () => {
    const context = await newPhoneContext(env.browser);
    try {
      const page = await context.newPage();
      await login(page, env.baseUrl, ADMIN);
      const open = async (hash: string, heading: string) => {
        await page.goto(`${env.baseUrl}/${hash}`);
        await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      };
      await open('#/accounts', A.title);
      await expectCleanScreen(page, 'accounts');
      await page.getByRole('button', { name: ADMIN_TEXTS.create.open }).click();
      await page.getByRole('button', { name: ADMIN_TEXTS.create.submit }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('username');
      await expectCleanScreen(page, 'create account with errors');
      await page.getByRole('link', { name: new RegExp(OFFICER.username) }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(OFFICER.username) }).waitFor();
      await expectCleanScreen(page, 'one account');
      await open('#/password', VI.password.title);
      await page.getByRole('button', { name: VI.password.submit }).click();
      await page.locator('.field__error').first().waitFor();
      await expectCleanScreen(page, 'change password with errors');
      await open('#/devices', A.devices.title);
      await expectCleanScreen(page, 'devices');
      await open('#/audit-log', ADMIN_TEXTS.audit.title);
      await expectCleanScreen(page, 'change log');
      await open('#/agencies', VI.field.organiser);
      await expectCleanScreen(page, 'agencies');
    } finally {
      await context.close();
    }
  });
});
