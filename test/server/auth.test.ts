import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type {
  DevicesResponse,
  LoginResponse,
  PublicUser,
} from '../../src/shared/auth/auth-protocol';
import { UNITS } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { PASSWORD, startTestServer, type TestServer } from './support/test-server';

const DAY = 24 * 3600_000;

describe.each(DATABASE_KINDS)('accounts and devices (%s)', (kind) => {
  let server: TestServer;
  let now = Date.parse('2024-06-01T08:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer(kind, {
      clock: () => new Date(now),
      loginLimits: {
        perAddressAndUser: { maxAttempts: 5, windowMs: 15 * 60_000 },
        perUser: { maxAttempts: 12, windowMs: 15 * 60_000 },
      },
    });
  });
  afterAll(() => server?.close());

  const login = (username: string, password: string, deviceName = 'Điện thoại') =>
    server.call<LoginResponse & { detail?: string }>('POST', '/api/auth/login', {
      body: { username, password, deviceName },
    });

  it('logs in with a case-insensitive username and binds the token to a device', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    const answer = await login(
      officer.user.username.toUpperCase(),
      PASSWORD,
      'Samsung A05 của Lan',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.token).toMatch(/^ol_[\w-]{43}$/);
    expect(answer.body.user).toEqual(officer.user);
    expect(answer.body.device).toMatchObject({ name: 'Samsung A05 của Lan', current: true });
    const me = await server.call<PublicUser>('GET', '/api/auth/me', { token: answer.body.token });
    expect(me.body).toEqual({
      id: officer.user.id,
      username: officer.user.username,
      displayName: 'Nguyễn Thị Lan',
      role: 'commune',
      unitCode: UNITS.vinhThanh,
      geographyId: 'kien-giang-2024',
    });
    const devices = await server.call<DevicesResponse>('GET', '/api/auth/devices', {
      token: answer.body.token,
    });
    expect(devices.body.devices.map((d) => [d.name, d.current])).toEqual(
      expect.arrayContaining([
        ['Samsung A05 của Lan', true],
        ['Điện thoại thử nghiệm', false],
      ]),
    );
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    const wrong = await login(officer.user.username, 'sai-mat-khau');
    const unknown = await login('khong-co-ai', 'sai-mat-khau');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(unknown.body).toEqual({ ...wrong.body });
  });

  it('rate-limits failed logins per username, then lets the officer in once the window passes', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    for (let i = 0; i < 5; i++)
      expect((await login(officer.user.username, `sai-${i}`)).status).toBe(401);
    const blocked = await login(officer.user.username, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(blocked.body).toMatchObject({
      status: 429,
      type: 'urn:outreach-log:problem:rate-limited',
    });
    expect(blocked.body.detail).toContain('15 phút');
    now += 15 * 60_000;
    expect((await login(officer.user.username, PASSWORD)).status).toBe(200);
  });

  it(
    'does not lock other accounts out of an address where someone keeps guessing',
    { timeout: 90_000 },
    async () => {
      now += 60 * 60_000;
      // More failures from this address than the old per-address limit (12) let through.
      for (let i = 0; i < 16; i++) {
        expect((await login(`ke-do-${i % 4}`, 'sai')).status).toBe(401);
      }
      const colleague = await server.officer('commune', UNITS.vinhThanh);
      expect(colleague.token).toBeTruthy();
      now += 16 * 60_000;
    },
  );

  it('revokes a lost phone: its token stops working, the other device keeps working', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    const lost = (await login(officer.user.username, PASSWORD, 'Máy bị mất')).body;
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(200);
    expect((await officer.call('DELETE', `/api/auth/devices/${lost.device!.id}`)).status).toBe(204);
    const refused = await server.call('GET', '/api/auth/me', { token: lost.token });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe(
      'Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.',
    );
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(200);
    const devices = (await officer.call<DevicesResponse>('GET', '/api/auth/devices')).body.devices;
    expect(devices.map((d) => d.id)).toEqual([officer.deviceId]);
    expect((await officer.call('DELETE', '/api/auth/devices/khong-co')).status).toBe(404);
    expect((await officer.call('POST', '/api/auth/logout')).status).toBe(204);
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(401);
  });

  it('lets the admin create, list, reset and revoke accounts', async () => {
    const admin = server.admin;
    const create = (body: Record<string, unknown>) =>
      admin.call('POST', '/api/admin/users', { body });
    const valid = {
      username: 'Tran.Binh',
      password: 'mat-khau-123',
      role: 'district',
      unitCode: UNITS.rachGia,
    };

    const created = await create({ ...valid, displayName: 'Trần Văn Bình' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'tran.binh',
      role: 'district',
      displayName: 'Trần Văn Bình',
    });
    expect((await create(valid)).status).toBe(409);

    const unknownUnit = await create({ ...valid, username: 'a.b', unitCode: '00000' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors).toEqual([expect.objectContaining({ path: 'unitCode' })]);
    const communeAtDistrict = await create({ ...valid, username: 'c.d', role: 'commune' });
    expect(communeAtDistrict.body.errors).toEqual([
      expect.objectContaining({ path: 'unitCode', code: 'validation.unitNotLeaf' }),
    ]);
    const weak = await create({ ...valid, username: 'e.f', password: 'ngan' });
    expect(weak.body.errors).toEqual([
      {
        path: 'password',
        code: 'validation.passwordTooShort',
        message: 'Mật khẩu phải có ít nhất 8 ký tự.',
      },
    ]);

    const binh = await server.login('tran.binh', 'mat-khau-123');
    const listed = (await admin.call('GET', '/api/admin/users')).body.users;
    expect(listed.find((u: PublicUser) => u.username === 'tran.binh')).toMatchObject({
      activeDevices: 1,
    });
    const id = created.body.user.id;
    expect((await admin.call('GET', `/api/admin/users/${id}/devices`)).body.devices).toHaveLength(
      1,
    );

    const reset = await admin.call('PUT', `/api/admin/users/${id}/password`, {
      body: { password: 'mat-khau-moi-456' },
    });
    expect(reset.status).toBe(204);
    // A reset ends every session the account had.
    expect((await binh.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await login('tran.binh', 'mat-khau-123')).status).toBe(401);
    const again = await server.login('tran.binh', 'mat-khau-moi-456');
    const revoked = await admin.call('DELETE', `/api/admin/users/${id}/devices`);
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await again.call('GET', '/api/auth/me')).status).toBe(401);
    expect(
      (
        await admin.call('PUT', '/api/admin/users/khong-co/password', {
          body: { password: 'mat-khau-123' },
        })
      ).status,
    ).toBe(404);
  });

  // Last but one: it moves the clock by a year, expiring every other token of this server.
  it('expires a token 180 days after its last use, sliding with every use', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    now += 170 * DAY;
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(200);
    now += 170 * DAY;
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(200);
    now += 181 * DAY;
    expect((await officer.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await server.login(officer.user.username, PASSWORD)).token).toBeTruthy();
  });

  it('creates the first admin only on a database without accounts', async () => {
    let called = false;
    const again = await buildApp({
      database: server.database.config,
      onInitialAdminPassword: () => (called = true),
    });
    await again.close();
    expect(called).toBe(false);
  });
});
