import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountSummary,
  AuditEntry,
  AuditLogResponse,
} from '../../src/shared/auth/account-admin.schema';
import type { DevicesResponse } from '../../src/shared/auth/auth-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { PASSWORD, startTestServer, type Session, type TestServer } from './support/test-server';

// The accounts screen's API over real HTTP: every change works, ends the sessions it must, and
// leaves an audit entry (who, when, what).
describe.each(DATABASE_KINDS)('accounts administration (%s)', (kind) => {
  let server: TestServer;
  let admin: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = server.admin;
  });
  afterAll(() => server?.close());

  const loginStatus = async (username: string, password: string) =>
    (
      await server.call('POST', '/api/auth/login', {
        body: { username, password, deviceName: 'Điện thoại' },
      })
    ).status;
  const isLoggedIn = async (session: Session) =>
    (await session.call('GET', '/api/auth/me')).status === 200;
  const auditOf = async (userId: string): Promise<AuditEntry[]> => {
    const answer = await admin.call<AuditLogResponse>(
      'GET',
      `/api/admin/audit-log?userId=${userId}`,
    );
    expect(answer.status).toBe(200);
    return answer.body.entries;
  };
  const patch = (id: string, body: unknown) =>
    admin.call('PATCH', `/api/admin/users/${id}`, { body });

  it('creates an account with a password the server makes up, shown once, and audits it', async () => {
    const created = await admin.call('POST', '/api/admin/users', {
      body: {
        username: 'Lan.VinhThanh',
        role: 'commune',
        unitCode: UNITS.vinhThanh,
        geographyId: 'kien-giang-2024',
        displayName: 'Nguyễn Thị Lan',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(created.body.user).toMatchObject({
      username: 'lan.vinhthanh',
      role: 'commune',
      unitCode: UNITS.vinhThanh,
      disabledAt: null,
      activeDevices: 0,
    });
    expect(await loginStatus('lan.vinhthanh', created.body.password)).toBe(200);

    // With a chosen password, none comes back.
    const chosen = await admin.call('POST', '/api/admin/users', {
      body: {
        username: 'binh',
        password: 'mat-khau-123',
        role: 'district',
        unitCode: UNITS.rachGia,
        geographyId: 'kien-giang-2024',
      },
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.password).toBeUndefined();

    const [entry] = await auditOf(created.body.user.id);
    expect(entry).toMatchObject({
      action: 'user.created',
      actorId: admin.user.id,
      actorName: 'admin',
      targetUsername: 'lan.vinhthanh',
      // The unit's geography too: codes are reused (the log must say which 30733 it was).
      details: {
        role: 'commune',
        unitCode: UNITS.vinhThanh,
        geographyId: 'kien-giang-2024',
        displayName: 'Nguyễn Thị Lan',
      },
    });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
    const listed = (await admin.call<{ users: AccountSummary[] }>('GET', '/api/admin/users')).body
      .users;
    expect(listed.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'binh', 'lan.vinhthanh']),
    );
  });

  it('disables an account: its phones stop at once, the right password is refused with a reason', async () => {
    const officer = await server.officer('commune', UNITS.vinhQuang, 'Lê Văn Cường');
    const second = await server.login(officer.user.username, PASSWORD, 'Máy tính bảng');

    const disabled = await patch(officer.user.id, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.disabledAt).not.toBeNull();
    expect(disabled.body.user.activeDevices).toBe(0);
    expect(await isLoggedIn(officer)).toBe(false);
    expect(await isLoggedIn(second)).toBe(false);

    const refused = await server.call('POST', '/api/auth/login', {
      body: { username: officer.user.username, password: PASSWORD, deviceName: 'Điện thoại' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toContain('đã bị khóa');
    // A guesser learns nothing: a wrong password is the usual 401.
    expect(await loginStatus(officer.user.username, 'sai-mat-khau')).toBe(401);

    const enabled = await patch(officer.user.id, { disabled: false });
    expect(enabled.body.user.disabledAt).toBeNull();
    expect(await loginStatus(officer.user.username, PASSWORD)).toBe(200);
    // The old tokens stay revoked.
    expect(await isLoggedIn(second)).toBe(false);

    expect((await auditOf(officer.user.id)).map((e) => [e.action, e.details])).toEqual([
      ['user.enabled', {}],
      ['user.disabled', { revokedDevices: 2 }],
      ['user.created', expect.any(Object)],
    ]);
  });

  it('changes role, unit and name; the phones stay logged in with the new scope; a commune account needs a commune', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh, 'Phạm Thị Dung');
    // A record of a neighbouring commune: outside the officer's scope until the move.
    const neighbour = await server.officer('commune', UNITS.vinhQuang);
    const theirs = talk(neighbour.user, UNITS.vinhQuang, { topic: 'Họp dân Vĩnh Quang' });
    expect((await neighbour.push([upsert(theirs, null)]))[0]!.status).toBe('applied');
    const seen = async (query = '') =>
      (
        (await officer.call('GET', `/api/sync/pull?since=0&limit=1000${query}`)).body.changes as {
          recordId: string;
        }[]
      ).some((c) => c.recordId === theirs.id);
    expect(await seen()).toBe(false);
    const moved = await patch(officer.user.id, {
      role: 'district',
      unitCode: UNITS.rachGia,
      geographyId: 'kien-giang-2024',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.user).toMatchObject({ role: 'district', unitCode: UNITS.rachGia });
    // The same token, as `npm run users -- move` keeps it: the new scope applies at once.
    expect(moved.body.user.activeDevices).toBe(1);
    expect((await officer.call('GET', '/api/auth/me')).body).toMatchObject({
      role: 'district',
      unitCode: UNITS.rachGia,
    });
    const pulled = await officer.call('GET', '/api/sync/pull?since=0&limit=1');
    expect(pulled.status).toBe(200);
    expect(pulled.body.user).toMatchObject({ role: 'district', unitCode: UNITS.rachGia });
    // A district phone syncs only its own records; the district is read by asking for it.
    expect(await seen()).toBe(false);
    expect(await seen(`&unit=${UNITS.rachGia}`)).toBe(true);
    const again = officer;
    expect((await again.call('GET', '/api/auth/me')).body).toMatchObject({
      role: 'district',
      unitCode: UNITS.rachGia,
    });

    // A name change keeps the sessions.
    expect((await patch(officer.user.id, { displayName: 'Phạm Thị Dung (Rạch Giá)' })).status).toBe(
      200,
    );
    expect(await isLoggedIn(again)).toBe(true);

    const notLeaf = await patch(officer.user.id, { role: 'commune' });
    expect(notLeaf.status).toBe(400);
    expect(notLeaf.body.errors).toEqual([
      expect.objectContaining({ path: 'unitCode', code: 'validation.unitNotLeaf' }),
    ]);
    const unknownUnit = await patch(officer.user.id, { unitCode: '00000' });
    expect(unknownUnit.status).toBe(400);
    for (const body of [{}, { role: 'chief' }, { disabled: 'yes' }, { username: 'x' }]) {
      const answer = await patch(officer.user.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.type).toBe('urn:outreach-log:problem:validation');
    }
    expect((await patch('khong-co', { displayName: 'X' })).status).toBe(404);
    expect(await isLoggedIn(again)).toBe(true);

    expect((await auditOf(officer.user.id)).slice(0, 3).map((e) => [e.action, e.details])).toEqual([
      ['user.name_changed', { from: 'Phạm Thị Dung', to: 'Phạm Thị Dung (Rạch Giá)' }],
      [
        'user.unit_changed',
        {
          from: UNITS.vinhThanh,
          to: UNITS.rachGia,
          fromGeography: 'kien-giang-2024',
          toGeography: 'kien-giang-2024',
        },
      ],
      ['user.role_changed', { from: 'commune', to: 'district' }],
    ]);
  });

  it('an admin can neither disable nor demote their own account', async () => {
    for (const body of [{ disabled: true }, { role: 'province' }]) {
      const answer = await patch(admin.user.id, body);
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe('urn:outreach-log:problem:forbidden');
    }
    expect(await isLoggedIn(admin)).toBe(true);
  });

  it('resets a password to a server-made one: answered once, every session ended', async () => {
    const officer = await server.officer('district', UNITS.haTien);
    const reset = await admin.call('POST', `/api/admin/users/${officer.user.id}/password-reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await isLoggedIn(officer)).toBe(false);
    expect(await loginStatus(officer.user.username, PASSWORD)).toBe(401);
    expect(await loginStatus(officer.user.username, reset.body.password)).toBe(200);
    const [entry] = await auditOf(officer.user.id);
    expect(entry).toMatchObject({
      action: 'user.password_reset',
      actorName: 'admin',
      details: { revokedDevices: 1, generated: true },
    });
    // The password itself is nowhere in the log.
    expect(JSON.stringify(await auditOf(officer.user.id))).not.toContain(reset.body.password);
    expect((await admin.call('POST', '/api/admin/users/khong-co/password-reset')).status).toBe(404);
  });

  it('lists and revokes one device of an account, or all of them', async () => {
    const officer = await server.officer('commune', UNITS.dongHo);
    const tablet = await server.login(officer.user.username, PASSWORD, 'Máy tính bảng xã');
    const devices = await admin.call<DevicesResponse>(
      'GET',
      `/api/admin/users/${officer.user.id}/devices`,
    );
    expect(devices.body.devices.map((d) => d.name).sort()).toEqual([
      'Máy tính bảng xã',
      'Điện thoại thử nghiệm',
    ]);

    const one = await admin.call(
      'DELETE',
      `/api/admin/users/${officer.user.id}/devices/${tablet.deviceId}`,
    );
    expect(one.status).toBe(204);
    expect(await isLoggedIn(tablet)).toBe(false);
    expect(await isLoggedIn(officer)).toBe(true);
    // Another account's device through this account's path: not found, nothing revoked.
    const foreign = await admin.call(
      'DELETE',
      `/api/admin/users/${officer.user.id}/devices/${admin.deviceId}`,
    );
    expect(foreign.status).toBe(404);
    expect(await isLoggedIn(admin)).toBe(true);

    const all = await admin.call('DELETE', `/api/admin/users/${officer.user.id}/devices`);
    expect(all.body).toEqual({ revoked: 1 });
    expect(await isLoggedIn(officer)).toBe(false);
    expect((await auditOf(officer.user.id)).slice(0, 2).map((e) => [e.action, e.details])).toEqual([
      ['device.all_revoked', { count: 1 }],
      ['device.revoked', { deviceId: tablet.deviceId, deviceName: 'Máy tính bảng xã' }],
    ]);
  });

  it('lets any officer change their own password; their other devices are logged out', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh, 'Võ Thị Em');
    const phone = await server.login(officer.user.username, PASSWORD, 'Điện thoại cũ');
    const change = (currentPassword: string, newPassword: string) =>
      officer.call('PUT', '/api/auth/password', { body: { currentPassword, newPassword } });

    const wrong = await change('sai-mat-khau', 'mat-khau-moi-789');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'validation.wrongPassword' }),
    ]);
    const short = await change(PASSWORD, 'ngan');
    expect(short.body.errors).toEqual([
      expect.objectContaining({ path: 'newPassword', code: 'validation.passwordTooShort' }),
    ]);
    expect(await loginStatus(officer.user.username, PASSWORD)).toBe(200);

    expect((await change(PASSWORD, 'mat-khau-moi-789')).status).toBe(204);
    expect(await isLoggedIn(officer)).toBe(true);
    expect(await isLoggedIn(phone)).toBe(false);
    expect(await loginStatus(officer.user.username, PASSWORD)).toBe(401);
    expect(await loginStatus(officer.user.username, 'mat-khau-moi-789')).toBe(200);
    const [entry] = await auditOf(officer.user.id);
    expect(entry).toMatchObject({
      action: 'user.password_changed',
      actorId: officer.user.id,
      actorName: officer.user.username,
    });
    expect(entry!.details.revokedDevices).toBeGreaterThanOrEqual(2);
  });

  it('records an officer revoking their own lost phone on the Thiết bị screen, and an admin revoking it', async () => {
    const officer = await server.officer('commune', UNITS.vinhQuang, 'Đỗ Văn Phúc');
    const lost = await server.login(officer.user.username, PASSWORD, 'Điện thoại bị mất');
    const old = await server.login(officer.user.username, PASSWORD, 'Điện thoại cũ');
    const other = await server.officer('commune', UNITS.vinhQuang);
    // Not someone else's.
    expect((await other.call('DELETE', `/api/auth/devices/${lost.deviceId}`)).status).toBe(403);
    expect((await officer.call('DELETE', `/api/auth/devices/${lost.deviceId}`)).status).toBe(204);
    expect(await isLoggedIn(lost)).toBe(false);
    expect((await admin.call('DELETE', `/api/auth/devices/${old.deviceId}`)).status).toBe(204);
    expect(await isLoggedIn(old)).toBe(false);
    expect(await isLoggedIn(officer)).toBe(true);
    expect((await officer.call('DELETE', '/api/auth/devices/khong-co')).status).toBe(404);
    expect(
      (await auditOf(officer.user.id))
        .slice(0, 2)
        .map((e) => [e.actorName, e.action, e.details.deviceName]),
    ).toEqual([
      ['admin', 'device.revoked', 'Điện thoại cũ'],
      [officer.user.username, 'device.revoked', 'Điện thoại bị mất'],
    ]);
  });

  it('pages through the whole audit log, newest first', async () => {
    const first = await admin.call<AuditLogResponse>('GET', '/api/admin/audit-log?limit=5');
    expect(first.body.entries).toHaveLength(5);
    expect(first.body.nextBefore).toBe(first.body.entries[4]!.id);
    const all: AuditEntry[] = [...first.body.entries];
    let before = first.body.nextBefore;
    while (before) {
      const page = await admin.call<AuditLogResponse>(
        'GET',
        `/api/admin/audit-log?limit=5&before=${before}`,
      );
      all.push(...page.body.entries);
      before = page.body.nextBefore;
    }
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(all.at(-1)).toMatchObject({
      action: 'user.created',
      targetUsername: 'admin',
      actorId: null,
    });
    expect((await admin.call('GET', '/api/admin/audit-log?limit=0')).status).toBe(400);
  });
});
