// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/client/lib/i18n';
import { openAppDb } from '../../src/client/db/app-db';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { loadSession, saveSession } from '../../src/client/features/auth/store/session-store';
import { AccountPanel } from '../../src/client/features/auth/components/account-panel';
import { SessionGate } from '../../src/client/app/session-gate';
import { SyncStatus } from '../../src/client/features/sync/components/sync-status';
import { SettingsScreen } from '../../src/client/features/settings/components/settings-screen';
import { pendingLogouts } from '../../src/client/features/auth/store/pending-logout-store';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { COMMUNE, makeActivity, OTHER_COMMUNE } from './support/activity-fixtures';
import { PASSWORD, startRealServer, type RealServer } from './support/real-server';

// Login, session and the sync bar as the officer sees them, against the real server.
// A login hashes at OWASP's cost (about a second on a loaded two-core machine).
configure({ asyncUtilTimeout: 10_000 });
let server: RealServer;
let i18n: I18n;
let lan: PublicUser;

beforeAll(async () => {
  server = await startRealServer({
    loginLimits: { perAddressAndUser: { maxAttempts: 3, windowMs: 60_000 } },
  });
  lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Nguyễn Thị Lan',
  });
  i18n = await createI18n('vi');
});
afterAll(async () => {
  await server.dispose();
});
beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

function renderGate(baseUrl = server.baseUrl) {
  return render(
    <I18nextProvider i18n={i18n}>
      <SessionGate api={{ baseUrl }}>
        <p>Ứng dụng đã mở</p>
        <SyncStatus />
        <AccountPanel />
      </SessionGate>
    </I18nextProvider>,
  );
}

async function fillLogin(username: string, password: string) {
  const user = userEvent.setup();
  if (username) {
    await user.clear(screen.getByLabelText('Tên đăng nhập'));
    await user.type(screen.getByLabelText('Tên đăng nhập'), username);
  }
  await user.clear(screen.getByLabelText('Mật khẩu'));
  await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

let userCounter = 0;

/** A fresh officer (own local database) with a stored session on this device. */
async function newOfficer() {
  const user = await server.createUser({
    username: `canbo${++userCounter}`,
    role: 'commune',
    unitCode: COMMUNE,
    displayName: `Cán bộ ${userCounter}`,
  });
  return { user, session: await sessionOf(user), db: openAppDb(user.id) };
}

async function sessionOf(user: PublicUser) {
  const token = await server.login(user.username, 'Android · Chrome');
  return saveSession({ token, user, deviceName: 'Android · Chrome' });
}

describe('login', () => {
  it('logs in once online, then opens without the network', async () => {
    renderGate();
    expect(screen.getByLabelText('Tên thiết bị')).not.toHaveValue('');
    await fillLogin('lan', 'sai-mat-khau');
    expect(await screen.findByRole('alert')).toHaveTextContent('Sai tên đăng nhập hoặc mật khẩu.');
    expect(loadSession()).toBeNull();

    await fillLogin('', PASSWORD); // username kept from the first attempt
    expect(await screen.findByText('Ứng dụng đã mở')).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ user: { id: lan.id }, expired: false });
    cleanup();

    // A reload with the server unreachable: the app opens from the stored session.
    renderGate('http://127.0.0.1:9');
    expect(await screen.findByText('Ứng dụng đã mở')).toBeInTheDocument();
  });

  it('explains that the first login needs the network', async () => {
    renderGate('http://127.0.0.1:9');
    await fillLogin('lan', PASSWORD);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cần kết nối mạng để đăng nhập lần đầu.',
    );
  });

  it('says so when too many attempts failed', async () => {
    await server.createUser({ username: 'hoa', role: 'commune', unitCode: COMMUNE });
    renderGate();
    for (let i = 0; i < 3; i++) {
      await fillLogin(i === 0 ? 'hoa' : '', 'sai-mat-khau');
      await screen.findByText('Sai tên đăng nhập hoặc mật khẩu.');
    }
    await fillLogin('', PASSWORD);
    // The server counts the minutes (a window of 60 s here): the officer is told how long.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.',
    );
  });

  it('asks for the required fields in Vietnamese without calling the server', async () => {
    renderGate();
    // Marked before any attempt, for the eye (a * drawn by CSS) and for screen readers.
    for (const label of ['Tên đăng nhập', 'Mật khẩu', 'Tên thiết bị']) {
      expect(screen.getByLabelText(label)).toHaveAttribute('aria-required', 'true');
      expect(document.querySelector(`label[for="${screen.getByLabelText(label).id}"]`)).toHaveClass(
        'is-required',
      );
    }
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(screen.getAllByText('Vui lòng nhập thông tin này.')).toHaveLength(2);
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
    // Focus goes to the first box to fill, not left on the button.
    await waitFor(() => expect(screen.getByLabelText('Tên đăng nhập')).toHaveFocus());

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'lan');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await waitFor(() => expect(screen.getByLabelText('Mật khẩu')).toHaveFocus());
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveValue('lan');
  });

  it('after a wrong password, the password box is ready for another try', async () => {
    await server.createUser({ username: 'tam', role: 'commune', unitCode: COMMUNE });
    renderGate();
    await fillLogin('tam', 'sai-mat-khau');
    await screen.findByText('Sai tên đăng nhập hoặc mật khẩu.');
    const password = screen.getByLabelText('Mật khẩu') as HTMLInputElement;
    expect(password).toHaveFocus();
    expect(password.selectionStart).toBe(0);
    expect(password.selectionEnd).toBe('sai-mat-khau'.length);
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveValue('tam');
  });
});

describe('session and sync bar', () => {
  it('syncs from the "Đồng bộ" button and shows the refusal of a record', async () => {
    const { user, session, db } = await newOfficer();
    const by = { authorId: user.id, authorName: user.displayName };
    const good = makeActivity('other', { title: 'Họp dân ấp 3', ...by });
    const refused = makeActivity('other', { title: 'Ghi nhầm xã', ...by }, OTHER_COMMUNE);
    await saveActivity(db, good);
    await saveActivity(db, refused);
    renderGate();

    // Start-up sync runs by itself; the refusal names the record and the reason.
    const notice = await screen.findByTestId('sync-notice-rejected', {}, { timeout: 5000 });
    expect(notice).toHaveTextContent('Ghi nhầm xã');
    expect(notice).toHaveTextContent('Máy chủ từ chối');
    // The refusal and the other record's acknowledgement may reach the screen one render apart.
    await waitFor(() =>
      expect(screen.getByTestId('sync-unsynced')).toHaveTextContent('1 hoạt động chưa đồng bộ'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('sync-last')).toHaveTextContent(
        /Lần đồng bộ gần nhất: \d\d\/\d\d\/\d{4} \d\d:\d\d/,
      ),
    );
    expect((await server.activities(session.token)).has(good.id)).toBe(true);

    const button = screen.getByRole('button', { name: 'Đồng bộ' });
    expect(button.style.minHeight).toBe('48px');
    await userEvent.setup().click(button);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Đồng bộ' })).toBeEnabled());
  });

  it('after a 401 keeps the app and its data, and a new login resumes sync', async () => {
    const { user, session, db } = await newOfficer();
    const a = makeActivity('other', {
      title: 'Làm khi hết phiên',
      authorId: user.id,
      authorName: user.displayName,
    });
    await saveActivity(db, a);
    await server.revoke(session.token);
    renderGate();

    expect(
      await screen.findByText(/Phiên đăng nhập đã hết hạn/, {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Ứng dụng đã mở')).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ expired: true, user: { id: user.id } });
    expect(await getActivity(db, a.id)).toBeDefined();
    expect(await countUnsynced(db)).toBeGreaterThan(0);

    await userEvent.setup().click(screen.getAllByRole('button', { name: 'Đăng nhập lại' })[0]!);
    // A dialog over the app, named by its heading, that brings no second page landmarks (a
    // second <main> and <header> over the shell's: found in the session 11 audit).
    const dialog = await screen.findByRole('dialog', { name: 'Đăng nhập' });
    expect(within(dialog).queryByRole('main')).toBeNull();
    expect(within(dialog).queryByRole('banner')).toBeNull();
    expect(dialog.querySelector('input[name="username"]')).toHaveValue(user.username);
    await userEvent.setup().type(dialog.querySelector('input[name="password"]')!, PASSWORD);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(async () => expect(await countUnsynced(db)).toBe(0), { timeout: 5000 });
    expect(loadSession()).toMatchObject({ expired: false });
  });

  it('refuses to switch to another account in the "log in again" box while data is unsynced', async () => {
    const { user, session, db } = await newOfficer();
    const other = await server.createUser({
      username: `canbo${++userCounter}`,
      role: 'commune',
      unitCode: COMMUNE,
    });
    await saveActivity(
      db,
      makeActivity('other', { title: 'Chưa gửi', authorId: user.id, authorName: user.displayName }),
    );
    await server.revoke(session.token);
    renderGate();
    await screen.findByText(/Phiên đăng nhập đã hết hạn/, {}, { timeout: 5000 });

    await userEvent.setup().click(screen.getAllByRole('button', { name: 'Đăng nhập lại' })[0]!);
    const dialog = await screen.findByRole('dialog');
    const name = dialog.querySelector<HTMLInputElement>('input[name="username"]')!;
    await userEvent.setup().clear(name);
    await userEvent.setup().type(name, other.username);
    await userEvent.setup().type(dialog.querySelector('input[name="password"]')!, PASSWORD);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(
      await screen.findByText(/Không thể đổi sang tài khoản khác: còn 1 hoạt động của Cán bộ/),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ user: { id: user.id }, expired: true });
    expect(await countUnsynced(db)).toBe(1);
    // The other officer's new session was ended on the server.
    await waitFor(() => expect(pendingLogouts()).toEqual([]), { timeout: 5000 });
  });

  it('refuses logout while data is unsynced', async () => {
    const { user, db } = await newOfficer();
    renderGate('http://127.0.0.1:9'); // offline: the record cannot leave the phone
    await screen.findByText('Ứng dụng đã mở');
    await act(async () => {
      await saveActivity(
        db,
        makeActivity('other', {
          title: 'Chưa gửi',
          authorId: user.id,
          authorName: user.displayName,
        }),
      );
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(
      await screen.findByText(/Không thể đăng xuất: còn \d+ hoạt động chưa đồng bộ/),
    ).toBeInTheDocument();
    // Refused straight away: no "Đăng xuất khỏi máy này?" first.
    expect(confirm).not.toHaveBeenCalled();
    expect(loadSession()).not.toBeNull();
    expect(screen.getByText('Ứng dụng đã mở')).toBeInTheDocument();
  });
});

/** The app's Cài đặt screen inside the real session gate (database, sync engine, logout). */
function renderSettings(baseUrl = server.baseUrl) {
  return render(
    <I18nextProvider i18n={i18n}>
      <SessionGate api={{ baseUrl }}>
        <SettingsScreen />
        <SyncStatus />
      </SessionGate>
    </I18nextProvider>,
  );
}

/** What the server answers to the token now: 200 while it is valid, 401 once revoked. */
async function meStatus(token: string) {
  const response = await fetch(`${server.baseUrl}/api/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

describe('logout from Cài đặt', () => {
  it('ends the session on the server, forgets the token, and keeps the synced data', async () => {
    const { user, session, db } = await newOfficer();
    const a = makeActivity('other', {
      title: 'Đã gửi trước khi đăng xuất',
      authorId: user.id,
      authorName: user.displayName,
    });
    await saveActivity(db, a);
    renderSettings();
    await screen.findByRole('heading', { name: 'Cài đặt' });
    await waitFor(async () => expect(await countUnsynced(db)).toBe(0), { timeout: 5000 });
    expect(await meStatus(session.token)).toBe(200);

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng xuất' }));

    expect(await screen.findByText(/^Đã đăng xuất\./)).toBeInTheDocument();
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveValue(user.username);
    expect(loadSession()).toBeNull();
    expect(pendingLogouts()).toEqual([]);
    expect(await meStatus(session.token)).toBe(401);
    // Nothing on the phone was deleted: the record is there for the next login.
    expect(await getActivity(db, a.id)).toMatchObject({
      id: a.id,
      title: 'Đã gửi trước khi đăng xuất',
    });

    await fillLogin('', PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Cài đặt' })).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ user: { id: user.id }, expired: false });
    expect(await getActivity(db, a.id)).toBeDefined();
  });

  it('refuses while records are unsynced, says how many, and keeps the session', async () => {
    const { user, session, db } = await newOfficer();
    renderSettings('http://127.0.0.1:9');
    await screen.findByRole('heading', { name: 'Cài đặt' });
    await act(async () => {
      for (const title of ['Chưa gửi 1', 'Chưa gửi 2']) {
        await saveActivity(
          db,
          makeActivity('other', { title, authorId: user.id, authorName: user.displayName }),
        );
      }
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(
      await screen.findByText(
        'Không thể đăng xuất: còn 2 hoạt động chưa đồng bộ. Hãy đồng bộ hoặc Sao lưu trước.',
      ),
    ).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ token: session.token });
    expect(pendingLogouts()).toEqual([]);
    expect(await meStatus(session.token)).toBe(200);
    expect(await countUnsynced(db)).toBe(2);
  });

  it('without network forgets the token now and ends the server session once it is reachable', async () => {
    const { session } = await newOfficer();
    renderSettings('http://127.0.0.1:9');
    await screen.findByRole('heading', { name: 'Cài đặt' });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đăng xuất' }));

    expect(await screen.findByText(/máy chủ chưa được báo/)).toBeInTheDocument();
    expect(loadSession()).toBeNull();
    expect(pendingLogouts()).toEqual([session.token]);
    expect(await meStatus(session.token)).toBe(200);
    cleanup();

    // The next start with the server reachable sends the queued logout.
    renderSettings();
    await screen.findByLabelText('Tên đăng nhập');
    await waitFor(() => expect(pendingLogouts()).toEqual([]), { timeout: 5000 });
    expect(await meStatus(session.token)).toBe(401);
  });
});

describe('device key', () => {
  it('a phone that logged in before is not locked out by someone else guessing its password', async () => {
    const user = await server.createUser({ username: 'thu', role: 'commune', unitCode: COMMUNE });
    renderGate();
    await fillLogin('thu', PASSWORD);
    await screen.findByText('Ứng dụng đã mở');
    const stored = localStorage.getItem('outreach-log:device-keys');
    expect(JSON.parse(stored!)).toEqual({ thu: expect.any(String) });
    cleanup();
    localStorage.removeItem('outreach-log:session');

    // Someone else guesses at the username until it is locked for everyone without a key.
    const guess = (username: string) =>
      fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'doan-bua', deviceName: 'lạ' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push(await guess('thu'));
    expect(statuses.at(-1)).toBe(429);

    // A new phone (no key) with the right password is refused for now…
    localStorage.removeItem('outreach-log:device-keys');
    renderGate();
    await fillLogin('thu', PASSWORD);
    expect(await screen.findByRole('alert')).toHaveTextContent('Đăng nhập sai quá nhiều lần');
    cleanup();

    // …while the officer's own phone, which keeps its key, logs in.
    localStorage.setItem('outreach-log:device-keys', stored!);
    renderGate();
    await fillLogin('thu', PASSWORD);
    expect(await screen.findByText('Ứng dụng đã mở')).toBeInTheDocument();
    expect(loadSession()).toMatchObject({ user: { id: user.id } });
  });
});
