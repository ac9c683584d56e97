import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { MutationResult, PullResponse } from '../../src/shared/sync/sync-protocol';
import type { Role } from '../../src/shared/auth/roles';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

describe.each(DATABASE_KINDS)('authorization by the unit tree (%s)', (kind) => {
  let server: TestServer;
  let vinhThanh: Session;
  let vinhQuang: Session;
  let rachGia: Session;
  let haTien: Session;
  let dongHo: Session;
  /** A record of Phường Vĩnh Quang (Rạch Giá) and one of Phường Đông Hồ (Hà Tiên). */
  let quangRecord: { data: Activity; rev: number };
  let dongHoRecord: { data: Activity; rev: number };

  beforeAll(async () => {
    server = await startTestServer(kind);
    [vinhThanh, vinhQuang, rachGia, haTien, dongHo] = await Promise.all([
      server.officer('commune', UNITS.vinhThanh),
      server.officer('commune', UNITS.vinhQuang),
      server.officer('district', UNITS.rachGia),
      server.officer('district', UNITS.haTien),
      server.officer('commune', UNITS.dongHo),
    ]);
    const quang = talk(vinhQuang.user, UNITS.vinhQuang);
    quangRecord = { data: quang, rev: revOf((await vinhQuang.push([upsert(quang)]))[0]) };
    const inDongHo = talk(dongHo.user, UNITS.dongHo);
    dongHoRecord = { data: inDongHo, rev: revOf((await dongHo.push([upsert(inDongHo)]))[0]) };
  });
  afterAll(() => server?.close());

  /** Whole-request checks every non-admin role must fail. */
  async function expectNoAdminAccess(session: Session) {
    for (const [method, path] of [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['PUT', `/api/admin/users/${session.user.id}/password`],
      ['GET', `/api/admin/users/${session.user.id}/devices`],
      ['DELETE', `/api/admin/users/${session.user.id}/devices`],
      ['DELETE', `/api/admin/users/${session.user.id}/devices/${session.deviceId}`],
      ['PATCH', `/api/admin/users/${session.user.id}`],
      ['POST', `/api/admin/users/${session.user.id}/password-reset`],
      ['GET', '/api/admin/audit-log'],
    ] as const) {
      const body = method === 'PATCH' ? { role: 'admin' } : { password: 'mat-khau-moi-123' };
      const answer = await session.call(method, path, { body });
      expect(answer.status, `${session.user.role} ${method} ${path}`).toBe(403);
    }
    const other = (await server.admin.call('GET', '/api/auth/devices')).body.devices[0].id;
    expect((await session.call('DELETE', `/api/auth/devices/${other}`)).status).toBe(403);
  }

  it('commune officer: writes their commune only', async () => {
    const own = talk(vinhThanh.user, UNITS.vinhThanh);
    const elsewhere = talk(vinhThanh.user, UNITS.vinhQuang);
    const results = await vinhThanh.push([
      upsert(own),
      upsert(elsewhere),
      upsert({ ...quangRecord.data, place: 'Sửa trái phép' } as Activity, quangRecord.rev),
      remove(quangRecord.data.id, quangRecord.rev),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected']);
    expect(results[1]).toMatchObject({
      reason: 'Bạn không có quyền ghi dữ liệu của Phường Vĩnh Quang, Thành phố Rạch Giá.',
      errors: [{ path: 'communeCode', code: 'validation.unitNotAllowed' }],
    });
    // Moving an own record out of the commune is refused too.
    const [moved] = await vinhThanh.push([
      upsert({ ...own, communeCode: UNITS.vinhQuang }, revOf(results[0])),
    ]);
    expect(moved?.status).toBe('rejected');
  });

  it('commune officer: reads their commune only', async () => {
    expect((await vinhThanh.call('GET', `/api/sync/pull?unit=${UNITS.rachGia}`)).status).toBe(403);
    expect((await vinhThanh.call('GET', `/api/sync/history/${quangRecord.data.id}`)).status).toBe(
      403,
    );
    const feed = await vinhThanh.call<PullResponse>('GET', '/api/sync/pull?limit=1000');
    const ids = feed.body.changes
      .filter((c) => c.collection === 'activities')
      .map((c) => c.recordId);
    expect(ids).not.toContain(quangRecord.data.id);
    await expectNoAdminAccess(vinhThanh);
  });

  // Districts were abolished on 1 July 2025: a district account nobody moved reads its old
  // communes and writes nothing (docs/geography.md).
  it('district officer nobody moved: reads the communes of their old district only, writes nothing', async () => {
    const [inDistrict, outside, foreignEdit] = await rachGia.push([
      upsert({ ...quangRecord.data, place: 'Hội trường khu phố 1' } as Activity, quangRecord.rev),
      upsert(talk(rachGia.user, UNITS.dongHo)),
      upsert({ ...dongHoRecord.data, place: 'Sửa trái phép' } as Activity, dongHoRecord.rev),
    ]);
    expect(inDistrict).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('chỉ được xem'),
    });
    expect(outside?.status).toBe('rejected');
    expect(foreignEdit?.status).toBe('rejected');
    const created = await rachGia.push([upsert(talk(rachGia.user, UNITS.vinhQuang))]);
    expect(created[0]?.status).toBe('rejected');
    // Its phone syncs only what it authored (nothing); reading its district stays possible.
    const activityIdsOf = async (query: string) =>
      (await rachGia.call<PullResponse>('GET', `/api/sync/pull?limit=1000${query}`)).body.changes
        .filter((c) => c.collection === 'activities')
        .map((c) => c.recordId);
    expect(await activityIdsOf('')).toEqual([]);
    const ids = await activityIdsOf(`&unit=${UNITS.rachGia}`);
    expect(ids).toContain(quangRecord.data.id);
    expect(ids).not.toContain(dongHoRecord.data.id);
    expect((await rachGia.call('GET', `/api/sync/pull?unit=${UNITS.haTien}`)).status).toBe(403);
    expect((await rachGia.call('GET', `/api/sync/history/${dongHoRecord.data.id}`)).status).toBe(
      403,
    );
    expect((await rachGia.call('GET', `/api/sync/history/${quangRecord.data.id}`)).status).toBe(
      200,
    );
    await expectNoAdminAccess(rachGia);
  });

  it.each(['province', 'agency', 'admin'] as Role[])(
    '%s officer: reads everything, writes only their own records',
    async (role) => {
      const officer = role === 'admin' ? server.admin : await server.officer(role, UNITS.province);
      const own = talk(officer.user, UNITS.dongHo);
      const results = await officer.push([
        upsert(own),
        upsert(talk(vinhThanh.user, UNITS.vinhThanh)),
        upsert({ ...dongHoRecord.data, notes: 'Ghi chú của tỉnh' } as Activity, dongHoRecord.rev),
        remove(quangRecord.data.id, quangRecord.rev),
      ]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected']);
      expect(results[2]).toMatchObject({
        errors: [{ path: 'authorId', code: 'validation.notAuthor' }],
      });
      expect((await officer.call('GET', `/api/sync/history/${dongHoRecord.data.id}`)).status).toBe(
        200,
      );
      const haTienOf2024 = `unit=${UNITS.haTien}&geography=kien-giang-2024`;
      expect((await officer.call('GET', `/api/sync/pull?${haTienOf2024}`)).status).toBe(200);
      // 900 is no unit of the current geography, which the province's account belongs to.
      expect((await officer.call('GET', `/api/sync/pull?unit=${UNITS.haTien}`)).status).toBe(400);
      if (role !== 'admin') await expectNoAdminAccess(officer);
    },
  );

  it('asks for a token on every API route except health and login', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/auth/me'],
      ['GET', '/api/auth/devices'],
      ['DELETE', '/api/auth/devices/x'],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['PUT', '/api/admin/users/x/password'],
      ['GET', '/api/admin/users/x/devices'],
      ['DELETE', '/api/admin/users/x/devices'],
      ['DELETE', '/api/admin/users/x/devices/y'],
      ['PATCH', '/api/admin/users/x'],
      ['POST', '/api/admin/users/x/password-reset'],
      ['GET', '/api/admin/audit-log'],
      ['PUT', '/api/auth/password'],
      ['POST', '/api/sync/push'],
      ['GET', '/api/sync/pull'],
      ['GET', `/api/sync/history/${quangRecord.data.id}`],
    ];
    for (const [method, path] of routes) {
      for (const token of [undefined, 'ol_khong-hop-le']) {
        const answer = await server.call(method, path, { token, body: {} });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.type).toBe('urn:outreach-log:problem:unauthorized');
      }
    }
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  });
});
