// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/client/lib/i18n';
import { renderApp, screen, POLL } from './ui-support/render-app';

const realStorage = Object.getOwnPropertyDescriptor(navigator, 'storage');
afterEach(() => {
  if (realStorage) Object.defineProperty(navigator, 'storage', realStorage);
  else delete (navigator as { storage?: unknown }).storage;
});

/** A browser storage manager as Chromium exposes it (jsdom has none). */
function fakeStorageManager(persisted: boolean, grant: boolean) {
  const state = { persisted, asked: 0 };
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      estimate: async () => ({ usage: 2_500_000, quota: 1_000_000_000 }),
      persisted: async () => state.persisted,
      persist: async () => {
        state.asked += 1;
        state.persisted = grant;
        return grant;
      },
    },
  });
  return state;
}

describe('settings', () => {
  it('switches the whole interface to English and remembers the choice', async () => {
    const app = await renderApp('#/settings');
    await app.user.click(await screen.findByRole('radio', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Activities' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('outreach-log:language')).toBe('en');

    // The next start opens in English; switching back gives Vietnamese again.
    const next = await createI18n();
    expect(next.t('nav.settings')).toBe('Settings');
    await app.user.click(screen.getByRole('radio', { name: 'Tiếng Việt' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cài đặt' })).toBeInTheDocument();
    expect(localStorage.getItem('outreach-log:language')).toBe('vi');
  });

  it('shows storage used of the quota in vi-VN format, and asks for persistent storage', async () => {
    const storage = fakeStorageManager(false, true);
    await renderApp('#/settings');
    expect(await screen.findByText('Đã dùng 2,5 MB / 1 GB (0,3 %)')).toBeInTheDocument();
    // Asked once when the app opened (the officer is logged in), and the answer is shown.
    expect(await screen.findByText(/^Đã bật/)).toBeInTheDocument();
    expect(storage.asked).toBe(1);
  });

  it('offers a button when persistent storage is not granted', async () => {
    const storage = fakeStorageManager(false, false);
    const app = await renderApp('#/settings');
    const button = await screen.findByRole('button', { name: 'Bật giữ dữ liệu trên máy' });
    expect(screen.getByText(/^Chưa bật/)).toBeInTheDocument();
    const before = storage.asked;
    await app.user.click(button);
    await expect.poll(() => storage.asked, POLL).toBe(before + 1);
  });

  it('tells iPhone users how to install, and shows the app version', async () => {
    await renderApp('#/settings');
    expect(await screen.findByText(/Thêm vào MH chính/)).toBeInTheDocument();
    expect(screen.getByTestId('app-version')).toHaveTextContent(/^\d+\.\d+\.\d+/);
  });
});
