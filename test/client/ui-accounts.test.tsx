// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { PASSWORD, startRealServer, type RealServer } from './support/real-server';
import { errorOf, freshDb, renderApp, screen, within } from './ui-support/render-app';
import { pullShippedGeographies } from './support/geography-pull';

// The accounts screens (admin) and the officer's own devices and password, rendered in the real
// app shell against the real server over loopback HTTP.
let server: RealServer;
let admin: PublicUser;

const me = async (token: string): Promise<PublicUser> =>
  (await (
    await fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as PublicUser;
const loginStatus = async (username: string, password: string) =>
  (
    await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceName: 'Máy kiểm tra' }),
    })
  ).status;

beforeAll(async () => {
  server = await startRealServer();
  admin = await me(server.adminToken);
});
afterAll(() => server.dispose());
afterEach(() => vi.restoreAllMocks());

const asAdmin = (hash: string, language: 'vi' | 'en' = 'vi') =>
  renderApp(hash, {
    user: admin,
    token: server.adminToken,
    api: { baseUrl: server.baseUrl },
    language,
  });

describe('accounts screen (admin)', { timeout: 60_000 }, () => {
  it('creates an account with a server-made password, shown once, that logs in', async () => {
    const app = await asAdmin('#/accounts');
    await app.user.click(await screen.findByRole('button', { name: 'Tạo tài khoản' }));
    await app.user.type(screen.getByLabelText('Tên đăng nhập'), 'Lan.VTV');
    await app.user.type(screen.getByLabelText('Họ và tên'), 'Nguyễn Thị Lan');
    const unit = screen.getByLabelText('Đơn vị');
    await waitFor(() => expect(within(unit).getAllByRole('option').length).toBeGreaterThan(100));
    await app.user.selectOptions(unit, '30730');
    const form = screen.getByRole('form', { name: 'Tạo tài khoản mới' });
    await app.user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));

    const password = (await screen.findByTestId('one-time-password')).textContent!;
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // Focus comes to the password card (the form that asked for it is gone).
    expect(screen.getByRole('alert', { name: 'Mật khẩu mới — chỉ hiện một lần' })).toHaveFocus();
    expect(await loginStatus('lan.vtv', password)).toBe(200);
    await screen.findByRole('link', { name: /Nguyễn Thị Lan \(lan\.vtv\)/ });

    await app.user.click(screen.getByRole('button', { name: 'Đã ghi lại, đóng' }));
    expect(screen.queryByTestId('one-time-password')).toBeNull();
  });

  it('checks the form with the shared schema, and keeps what was typed when the server refuses', async () => {
    await server.createUser({ username: 'trung.lap', role: 'commune', unitCode: '30733' });
    const app = await asAdmin('#/accounts');
    await app.user.click(await screen.findByRole('button', { name: 'Tạo tài khoản' }));
    const username = screen.getByLabelText('Tên đăng nhập');
    // What must be filled is marked before the first try; the name and password are optional.
    expect(username).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText('Đơn vị')).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText('Họ và tên')).not.toHaveAttribute('aria-required');
    await app.user.type(username, 'có dấu');
    const form = screen.getByRole('form', { name: 'Tạo tài khoản mới' });
    await app.user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(errorOf(username)).toContain('Tên đăng nhập gồm 3–64 ký tự');
    expect(errorOf(screen.getByLabelText('Đơn vị'))).toBe('Vui lòng chọn một mục.');
    // Focus goes to the first field to fix, not left on the button.
    await waitFor(() => expect(username).toHaveFocus());

    await app.user.clear(username);
    await app.user.type(username, 'trung.lap');
    await waitFor(() =>
      expect(within(screen.getByLabelText('Đơn vị')).getAllByRole('option').length).toBeGreaterThan(
        100,
      ),
    );
    await app.user.selectOptions(screen.getByLabelText('Đơn vị'), '30733');
    await app.user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    // Said under the username, which takes focus: the box to change.
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText('Tên đăng nhập'))).toBe(
        'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.',
      ),
    );
    await waitFor(() => expect(screen.getByLabelText('Tên đăng nhập')).toHaveFocus());
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveValue('trung.lap');
  });

  it('disables, re-enables and resets the password of an account, and shows each change in its history', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const hai = await server.createUser({
      username: 'hai.vtv',
      role: 'commune',
      unitCode: '30730',
      displayName: 'Trần Văn Hải',
    });
    const phone = await server.login('hai.vtv', 'Điện thoại của Hải');
    const app = await asAdmin(`#/accounts/${hai.id}`);
    await screen.findByRole('heading', { name: 'Trần Văn Hải (hai.vtv)' });
    expect(await screen.findByText('Điện thoại của Hải')).toBeInTheDocument();

    await app.user.click(screen.getByRole('button', { name: 'Khóa tài khoản' }));
    // The same button, now "Mở khóa", keeps the focus (it was left on the page).
    expect(await screen.findByRole('button', { name: 'Mở khóa tài khoản' })).toHaveFocus();
    expect(screen.getAllByText('Đã khóa').length).toBeGreaterThan(0);
    expect(
      (
        await fetch(`${server.baseUrl}/api/auth/me`, {
          headers: { authorization: `Bearer ${phone}` },
        })
      ).status,
    ).toBe(401);
    expect(await loginStatus('hai.vtv', PASSWORD)).toBe(403);

    await app.user.click(screen.getByRole('button', { name: 'Mở khóa tài khoản' }));
    await screen.findByRole('button', { name: 'Khóa tài khoản' });
    await app.user.click(screen.getByRole('button', { name: 'Đặt lại mật khẩu' }));
    const password = (await screen.findByTestId('one-time-password')).textContent!;
    expect(await loginStatus('hai.vtv', PASSWORD)).toBe(401);
    expect(await loginStatus('hai.vtv', password)).toBe(200);

    await waitFor(() => {
      const entries = screen.getAllByTestId('audit-entry').map((e) => e.textContent);
      expect(entries.slice(0, 3)).toEqual([
        expect.stringContaining('admin đã đặt lại mật khẩu của hai.vtv'),
        expect.stringContaining('admin đã mở khóa tài khoản hai.vtv'),
        expect.stringContaining('admin đã khóa tài khoản hai.vtv'),
      ]);
    });
    // dd/MM/yyyy HH:mm, Vietnam time.
    expect(screen.getAllByTestId('audit-entry')[0]!.textContent).toMatch(
      /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} /,
    );
  });

  it('moves an account to another role and unit', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const dung = await server.createUser({ username: 'dung', role: 'commune', unitCode: '30730' });
    const app = await asAdmin(`#/accounts/${dung.id}`);
    await screen.findByRole('heading', { name: /dung/ });
    const form = screen.getByRole('form', { name: 'Thông tin tài khoản' });
    await app.user.selectOptions(within(form).getByLabelText('Vai trò'), 'district');
    const unit = within(form).getByLabelText('Đơn vị');
    await waitFor(() =>
      expect(
        within(unit)
          .getAllByRole('option')
          .map((o) => o.getAttribute('value')),
      ).toContain('899'),
    );
    await app.user.selectOptions(unit, '899');
    await app.user.click(within(form).getByRole('button', { name: 'Lưu thay đổi' }));
    await screen.findByText('Đã lưu.');
    expect(await me(await server.login('dung'))).toMatchObject({
      role: 'district',
      unitCode: '899',
    });
    await screen.findByText(/admin đã đổi vai trò của dung: Cán bộ cấp xã → Cán bộ cấp huyện/);
    // The account was read again (its heading line says the new role): "Đã lưu." is still there,
    // not a flash that vanished with the form the new version redrew.
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).nextElementSibling).toHaveTextContent(
        /^Cán bộ cấp huyện/,
      ),
    );
    const redrawn = screen.getByRole('form', { name: 'Thông tin tài khoản' });
    expect(within(redrawn).getByRole('status')).toHaveTextContent('Đã lưu.');
    expect(within(redrawn).getByRole('button', { name: 'Lưu thay đổi' })).toHaveFocus();
  });

  it('lists the units of the geography in force today once the phone has it (An Giang 2025)', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const db = freshDb();
    await db.open();
    await pullShippedGeographies(db);
    const app = await renderApp('#/accounts', {
      db,
      user: admin,
      token: server.adminToken,
      api: { baseUrl: server.baseUrl },
    });
    await app.user.click(await screen.findByRole('button', { name: 'Tạo tài khoản' }));
    await app.user.type(screen.getByLabelText('Tên đăng nhập'), 'rachgia.moi');
    const unit = screen.getByLabelText('Đơn vị');
    await waitFor(() => expect(within(unit).getAllByRole('option')).toHaveLength(103));
    const labels = within(unit)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(labels).toContain('Phường Rạch Giá (30742)');
    expect(labels).not.toContain('Phường Vĩnh Thanh Vân, Thành phố Rạch Giá (30730)');
    // No districts since 01/07/2025: a district account cannot be given a unit.
    await app.user.selectOptions(screen.getByLabelText('Vai trò'), 'district');
    expect(within(unit).getAllByRole('option')).toHaveLength(1);
    expect(unit).toHaveAccessibleDescription(/không còn cấp huyện từ 01\/07\/2025/);
    await app.user.selectOptions(screen.getByLabelText('Vai trò'), 'commune');
    await app.user.selectOptions(unit, '30742');
    const form = screen.getByRole('form', { name: 'Tạo tài khoản mới' });
    await app.user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const password = (await screen.findByTestId('one-time-password')).textContent!;
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rachgia.moi', password, deviceName: 'Máy kiểm tra' }),
    });
    expect((await login.json()) as { user: PublicUser }).toMatchObject({
      user: { unitCode: '30742', geographyId: 'an-giang-2025' },
    });
  });

  it('an account still in a 2024 unit is moved by picking its new commune', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const bao = await server.createUser({
      username: 'vinhbao',
      role: 'commune',
      unitCode: '30742',
    });
    const db = freshDb();
    await db.open();
    await pullShippedGeographies(db);
    const app = await renderApp(`#/accounts/${bao.id}`, {
      db,
      user: admin,
      token: server.adminToken,
      api: { baseUrl: server.baseUrl },
    });
    const heading = await screen.findByRole('heading', { name: /vinhbao/ });
    // Codes are reused: the unit is named, and a unit of an earlier map says which map.
    const unitLine = heading.nextElementSibling!;
    await waitFor(() =>
      expect(unitLine).toHaveTextContent(
        'Cán bộ cấp xã · Phường Vĩnh Bảo (30742, kien-giang-2024)',
      ),
    );
    const form = screen.getByRole('form', { name: 'Thông tin tài khoản' });
    // 30742 of 2024 is Vĩnh Bảo, not the new Rạch Giá: nothing is shown as chosen.
    expect(await within(form).findByTestId('account-retired-unit')).toHaveTextContent(
      'Đơn vị cũ 30742 (kien-giang-2024)',
    );
    const unit = within(form).getByLabelText('Đơn vị') as HTMLSelectElement;
    expect(unit.value).toBe('');
    await app.user.selectOptions(unit, '30742');
    await app.user.click(within(form).getByRole('button', { name: 'Lưu thay đổi' }));
    await screen.findByText('Đã lưu.');
    expect(await me(await server.login('vinhbao'))).toMatchObject({
      unitCode: '30742',
      geographyId: 'an-giang-2025',
    });
    await waitFor(() =>
      expect(unitLine).toHaveTextContent('Cán bộ cấp xã · Phường Rạch Giá (30742)'),
    );
    // The account's history: "30742 → 30742" said nothing; it names both units.
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('audit-entry')
          .some((e) =>
            e.textContent!.includes(
              'Phường Vĩnh Bảo (30742, kien-giang-2024) → Phường Rạch Giá (30742)',
            ),
          ),
      ).toBe(true),
    );
    app.unmount();

    // The list names each account's unit too.
    await renderApp('#/accounts', {
      db,
      user: admin,
      token: server.adminToken,
      api: { baseUrl: server.baseUrl },
    });
    const row = (await screen.findByRole('link', { name: /vinhbao/ })).closest('li')!;
    await waitFor(() => expect(row).toHaveTextContent('Cán bộ cấp xã · Phường Rạch Giá (30742) ·'));
  });

  it('an administrator edits the organising agencies (screen → server → pull)', async () => {
    const app = await asAdmin('#/agencies');
    await screen.findByRole('heading', { name: 'Cơ quan, đơn vị tổ chức' });
    const list = await screen.findByRole('list', { name: 'Cơ quan, đơn vị tổ chức' });
    await within(list).findByText('Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang');
    expect(list.textContent).toContain('… – 28/02/2025');

    await app.user.click(screen.getByRole('button', { name: 'Thêm cơ quan' }));
    const form = screen.getByRole('form', { name: 'Thêm cơ quan' });
    expect(within(form).getByLabelText('Mã')).toHaveAttribute('aria-required', 'true');
    expect(within(form).getByLabelText('Tên cơ quan')).toHaveAttribute('aria-required', 'true');
    await app.user.type(within(form).getByLabelText('Mã'), 'Sở Y tế');
    await app.user.type(within(form).getByLabelText('Tên cơ quan'), 'Sở Y tế tỉnh An Giang');
    await app.user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(errorOf(within(form).getByLabelText('Mã'))).toBe(
      'Mã gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ so-y-te-an-giang.',
    );
    await waitFor(() => expect(within(form).getByLabelText('Mã')).toHaveFocus());
    await app.user.clear(within(form).getByLabelText('Mã'));
    await app.user.type(within(form).getByLabelText('Mã'), 'so-y-te-an-giang');
    await app.user.type(within(form).getByLabelText('Từ ngày'), '01072025');
    await app.user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu. Sở Y tế tỉnh An Giang');

    const pulled = await fetch(`${server.baseUrl}/api/agencies`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(((await pulled.json()) as { agencies: unknown[] }).agencies).toContainEqual({
      id: 'so-y-te-an-giang',
      name: 'Sở Y tế tỉnh An Giang',
      validFrom: '2025-07-01',
    });
    await within(list).findByText('Sở Y tế tỉnh An Giang');
  });

  it('is in English when the officer chose English', async () => {
    await asAdmin('#/audit-log', 'en');
    await screen.findByRole('heading', { name: 'Change log' });
    await screen.findAllByText(/admin created account/);
  });

  it('words a server refusal in the officer’s language, from its message key', async () => {
    await server.createUser({ username: 'da.co', role: 'commune', unitCode: '30733' });
    const app = await asAdmin('#/accounts', 'en');
    await app.user.click(await screen.findByRole('button', { name: 'Create account' }));
    const form = screen.getByRole('form', { name: 'New account' });
    await app.user.type(within(form).getByLabelText('Username'), 'da.co');
    await waitFor(() => expect(within(form).getAllByRole('option').length).toBeGreaterThan(100));
    await app.user.selectOptions(within(form).getByLabelText('Unit'), '30733');
    await app.user.click(within(form).getByRole('button', { name: 'Create account' }));
    // problem.usernameTaken, said once, under the username, in English.
    await waitFor(() =>
      expect(errorOf(within(form).getByLabelText('Username'))).toBe(
        'This username is already taken. Please choose another.',
      ),
    );
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('tells a non-admin that accounts are for administrators', async () => {
    await server.createUser({ username: 'thuong', role: 'commune', unitCode: '30730' });
    const token = await server.login('thuong');
    await renderApp('#/accounts', {
      user: await me(token),
      token,
      api: { baseUrl: server.baseUrl },
    });
    await screen.findByText('Chỉ quản trị viên được quản lý tài khoản.');
  });
});

describe('Thiết bị and Đổi mật khẩu (any officer)', { timeout: 60_000 }, () => {
  it('lists the officer’s devices, marks this one, and revokes a lost phone', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await server.createUser({ username: 'em.vtv', role: 'commune', unitCode: '30730' });
    const lost = await server.login('em.vtv', 'Điện thoại bị mất');
    const token = await server.login('em.vtv', 'Máy tính bảng');
    const app = await renderApp('#/devices', {
      user: await me(token),
      token,
      api: { baseUrl: server.baseUrl },
    });
    await screen.findByRole('heading', { name: 'Thiết bị' });
    const current = (await screen.findAllByTestId('device')).find((d) =>
      d.textContent!.includes('Máy tính bảng'),
    )!;
    expect(within(current).getByText('Máy này')).toBeInTheDocument();
    expect(within(current).queryByRole('button')).toBeNull();

    await app.user.click(screen.getByRole('button', { name: 'Thu hồi Điện thoại bị mất' }));
    await waitFor(() => expect(screen.queryByText('Điện thoại bị mất')).toBeNull());
    expect(
      (
        await fetch(`${server.baseUrl}/api/auth/me`, {
          headers: { authorization: `Bearer ${lost}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${server.baseUrl}/api/auth/me`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
  });

  it('changes the officer’s own password; a wrong current password or a typo says so', async () => {
    await server.createUser({ username: 'phuc', role: 'commune', unitCode: '30730' });
    const token = await server.login('phuc');
    const app = await renderApp('#/password', {
      user: await me(token),
      token,
      api: { baseUrl: server.baseUrl },
    });
    const current = await screen.findByLabelText('Mật khẩu hiện tại');
    const next = screen.getByLabelText('Mật khẩu mới');
    const repeat = screen.getByLabelText('Nhập lại mật khẩu mới');
    const submit = screen.getByRole('button', { name: 'Đổi mật khẩu' });
    for (const box of [current, next, repeat]) expect(box).toHaveAttribute('aria-required', 'true');

    await app.user.click(submit);
    expect(errorOf(current)).toBe('Vui lòng nhập thông tin này.');
    expect(errorOf(repeat)).toBe('Vui lòng nhập thông tin này.');
    await waitFor(() => expect(current).toHaveFocus());

    await app.user.type(current, 'sai-mat-khau');
    await app.user.type(next, 'mat-khau-moi-2025');
    await app.user.type(repeat, 'mat-khau-moi-2026');
    await app.user.click(submit);
    expect(errorOf(repeat)).toBe('Hai lần nhập mật khẩu mới không giống nhau.');
    await waitFor(() => expect(repeat).toHaveFocus());

    await app.user.clear(repeat);
    await app.user.type(repeat, 'mat-khau-moi-2025');
    await app.user.click(submit);
    await waitFor(() => expect(errorOf(current)).toBe('Mật khẩu hiện tại không đúng.'));
    await waitFor(() => expect(current).toHaveFocus());
    expect(next).toHaveValue('mat-khau-moi-2025');

    await app.user.clear(current);
    await app.user.type(current, PASSWORD);
    await app.user.click(submit);
    await screen.findByText('Đã đổi mật khẩu. Các thiết bị khác của bạn đã được đăng xuất.');
    expect(await loginStatus('phuc', 'mat-khau-moi-2025')).toBe(200);
    expect(await loginStatus('phuc', PASSWORD)).toBe(401);
  });
});
