// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { makeActivity } from './support/activity-fixtures';
import { waitFor } from '@testing-library/react';
import { COMMUNE_CODE, errorOf, freshDb, renderApp, screen } from './ui-support/render-app';

// Cài đặt's storage card: usage of the quota, the 80 % warning, old unsynced data, and the
// iPhone-in-a-tab warning. navigator.storage and the user agent are the browser's (stubbed
// here, as jsdom has neither); the app's own code and database are real.
const realStorage = Object.getOwnPropertyDescriptor(navigator, 'storage');
afterEach(() => {
  if (realStorage) Object.defineProperty(navigator, 'storage', realStorage);
  else delete (navigator as { storage?: unknown }).storage;
  delete (navigator as { userAgent?: string }).userAgent;
  delete (navigator as { standalone?: boolean }).standalone;
});

function storageOf(usage: number, quota: number) {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      estimate: async () => ({ usage, quota }),
      persisted: async () => true,
      persist: async () => true,
    },
  });
}

const DAY = 24 * 60 * 60 * 1000;

describe('storage safety in Cài đặt', () => {
  it('shows usage of the quota in plain words and warns from 80 %', async () => {
    storageOf(1_750_000_000, 2_100_000_000);
    await renderApp('#/settings');
    expect(await screen.findByText('Đã dùng 1,8 GB / 2,1 GB (83 %)')).toBeInTheDocument();
    expect(screen.getByTestId('storage-nearly-full')).toHaveTextContent(
      'Bộ nhớ của ứng dụng đã dùng 83 %',
    );
  });

  it('does not warn below 80 %', async () => {
    storageOf(120_000_000, 2_100_000_000);
    await renderApp('#/settings');
    expect(await screen.findByText('Đã dùng 120 MB / 2,1 GB (5,7 %)')).toBeInTheDocument();
    expect(screen.queryByTestId('storage-nearly-full')).toBeNull();
  });

  it('warns when a change has waited more than 3 days for the server', async () => {
    storageOf(1_000_000, 2_000_000_000);
    const db = freshDb();
    const old = Date.parse('2026-11-01T03:00:00Z');
    await saveActivity(
      db,
      makeActivity('other', { title: 'Họp dân cũ', date: '2026-10-31' }, COMMUNE_CODE),
      { now: old },
    );
    await renderApp('#/settings', { db });
    expect(await screen.findByTestId('stale-unsynced')).toHaveTextContent(
      'Có dữ liệu chưa đồng bộ từ 01/11/2026 10:00 (quá 3 ngày)',
    );
  });

  it('says it on the home screen too, in the sync card', async () => {
    const db = freshDb();
    await saveActivity(
      db,
      makeActivity('other', { title: 'Họp dân cũ', date: '2026-10-31' }, COMMUNE_CODE),
      { now: Date.parse('2026-11-01T03:00:00Z') },
    );
    await renderApp('#/', { db });
    expect(await screen.findByTestId('sync-stale')).toHaveTextContent(
      'Có dữ liệu chưa đồng bộ từ ngày 01/11/2026 (quá 3 ngày)',
    );
  });

  it('says nothing about a change made today', async () => {
    storageOf(1_000_000, 2_000_000_000);
    const db = freshDb();
    await saveActivity(db, makeActivity('other', { title: 'Họp dân' }, COMMUNE_CODE), {
      now: Date.now() - DAY,
    });
    await renderApp('#/settings', { db });
    await screen.findByText(/^Đã dùng/);
    // The live query has answered once the last-backup line is there.
    await screen.findByTestId('last-backup');
    expect(screen.queryByTestId('stale-unsynced')).toBeNull();
  });

  it('tells an iPhone user in a Safari tab to install the app to keep the data', async () => {
    Object.defineProperty(navigator, 'userAgent', {
      configurable: true,
      value:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    });
    await renderApp('#/settings');
    expect(await screen.findByTestId('ios-install-warning')).toHaveTextContent(
      'Safari có thể xóa dữ liệu',
    );
  });

  it('does not when the app runs from the home screen', async () => {
    Object.defineProperty(navigator, 'userAgent', {
      configurable: true,
      value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1',
    });
    Object.defineProperty(navigator, 'standalone', { configurable: true, value: true });
    await renderApp('#/settings');
    await screen.findByTestId('storage-usage');
    expect(screen.queryByTestId('ios-install-warning')).toBeNull();
  });
});

describe('Sao lưu form', () => {
  it('asks for a passphrase of 10 characters, typed twice the same, and rates it', async () => {
    const app = await renderApp('#/settings');
    const card = await screen.findByTestId('backup-card');
    const [first, again] = [
      await screen.findByLabelText('Mật khẩu sao lưu'),
      screen.getByLabelText('Nhập lại mật khẩu sao lưu'),
    ];
    // Both boxes are needed (marked); a refusal is said under its box, which takes focus.
    expect(first).toHaveAttribute('aria-required', 'true');
    expect(again).toHaveAttribute('aria-required', 'true');
    await app.user.type(first!, 'ngan');
    await app.user.click(screen.getByRole('button', { name: 'Tạo tệp sao lưu' }));
    await waitFor(() => expect(errorOf(first!)).toBe('Mật khẩu sao lưu cần ít nhất 10 ký tự.'));
    await waitFor(() => expect(first).toHaveFocus());
    await app.user.clear(first!);
    await app.user.type(first!, 'conmeo1234');
    expect(screen.getByTestId('passphrase-strength')).toHaveTextContent('Độ mạnh: yếu');
    await app.user.clear(first!);
    await app.user.type(first!, 'Trời mưa to ở Rạch Giá 2026');
    expect(screen.getByTestId('passphrase-strength')).toHaveTextContent('Độ mạnh: mạnh');
    await app.user.type(again!, 'Trời mưa to ở Rạch Giá');
    await app.user.click(screen.getByRole('button', { name: 'Tạo tệp sao lưu' }));
    await waitFor(() => expect(errorOf(again!)).toBe('Hai lần nhập mật khẩu không giống nhau.'));
    expect(errorOf(first!)).toBe('');
    await waitFor(() => expect(again).toHaveFocus());
    expect(card).toHaveTextContent('Chưa sao lưu ra tệp lần nào trên máy này.');
  });

  it('Khôi phục without a file or a passphrase says so under each box and goes to the first', async () => {
    const app = await renderApp('#/settings');
    const file = await screen.findByLabelText('Tệp sao lưu');
    const passphrase = screen.getByLabelText('Mật khẩu của tệp sao lưu');
    expect(file).toHaveAttribute('aria-required', 'true');
    expect(passphrase).toHaveAttribute('aria-required', 'true');
    await app.user.click(screen.getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(errorOf(file)).toBe('Hãy chọn tệp sao lưu.'));
    expect(errorOf(passphrase)).toBe('Vui lòng nhập thông tin này.');
    await waitFor(() => expect(file).toHaveFocus());
    expect(screen.queryByTestId('restore-outcome')).toBeNull();
  });
});
