// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { officer, renderApp, screen, within } from './ui-support/render-app';

// Issue 11 point 7: Cài đặt → Tài khoản says who is signed in on this phone in words (unit by
// name, role by name, the device's name), and storage in plain words.
describe('settings: account', () => {
  it('shows name, username, role, the unit by its name and this device’s name', async () => {
    await renderApp('#/settings', { user: officer({ displayName: 'Đặng Thị Lan' }) });
    const account = await screen.findByRole('region', { name: 'Tài khoản' });
    const details = within(account).getByTestId('account-details');
    const value = (label: string) =>
      within(details).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(value('Họ và tên')).toBe('Đặng Thị Lan');
    expect(value('Tên đăng nhập')).toBe('canbo.vtv');
    expect(value('Vai trò')).toBe('Cán bộ cấp xã');
    // 30730 in the 2024 tree: the name, not the code.
    await expect.poll(() => value('Đơn vị')).toMatch(/^Phường Vĩnh Thanh Vân, /);
    expect(value('Thiết bị này')).toBe('test');
    // The account card comes first: the officer looks for it at the top.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toBe('Tài khoản');
  });

  it('names the storage protection in plain words, not “lưu trữ bền vững”', async () => {
    await renderApp('#/settings');
    await screen.findByRole('heading', { level: 3, name: 'Giữ dữ liệu trên máy' });
    expect(document.body.textContent).not.toMatch(/bền vững/i);
  });

  it('says the same in English', async () => {
    await renderApp('#/settings', { language: 'en' });
    const account = await screen.findByRole('region', { name: 'Account' });
    expect(within(account).getByText('Commune officer')).toBeInTheDocument();
    expect(within(account).getByText('This device')).toBeInTheDocument();
  });
});
