import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { geographySchema } from '../../src/shared/geography/geography.schema';
import type {
  Change,
  HistoryResponse,
  MutationResult,
  PullResponse,
} from '../../src/shared/sync/sync-protocol';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// The July 2025 reorganisation on the real server: geographies reach phones by pull, a record
// naming a retired commune for a date after the switch is accepted and mapped, and every reader
// sees what lies in their unit through the mapping (docs/geography.md).

const KG = 'kien-giang-2024';
const AG = 'an-giang-2025';
const AFTER_SWITCH = '2025-07-10';
const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

async function pullAll(session: Session, since = '0', query = '') {
  const changes: Change[] = [];
  let cursor = since;
  let user: PublicUser | undefined;
  for (;;) {
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${cursor}&limit=1000${query}`,
    );
    expect(answer.status).toBe(200);
    changes.push(...answer.body.changes);
    user = answer.body.user;
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return { changes, cursor, user };
  }
}
const visibleActivities = (changes: Change[]) => {
  const seen = new Map<string, Activity>();
  for (const c of changes) {
    if (c.collection !== 'activities') continue;
    if (c.op === 'delete') seen.delete(c.recordId);
    else seen.set(c.recordId, c.data as Activity);
  }
  return seen;
};

describe.each(DATABASE_KINDS)('geographies on the server (%s)', (kind) => {
  let server: TestServer;
  /** Officers of 2024 Vĩnh Thanh, Vĩnh Quang, Vĩnh Bảo (30742!) and Đông Hồ, nobody moved yet. */
  let vinhThanh: Session;
  let vinhQuang: Session;
  let vinhBao: Session;
  let dongHo: Session;
  const records: Record<string, Activity> = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    [vinhThanh, vinhQuang, vinhBao, dongHo] = await Promise.all([
      server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan'),
      server.officer('commune', UNITS.vinhQuang),
      server.officer('commune', '30742'),
      server.officer('commune', UNITS.dongHo),
    ]);
    // 2024 records of each, made before the switch.
    for (const [name, s] of Object.entries({ vinhThanh, vinhQuang, vinhBao, dongHo })) {
      const record = talk(s.user, s.user.unitCode, { topic: `2024 ${name}` } as Partial<Activity>);
      expect((await s.push([upsert(record)]))[0]?.status).toBe('applied');
      records[name] = record;
    }
  });
  afterAll(() => server?.close());

  it('ships both geographies to every phone by pull, whole and valid', async () => {
    const { changes } = await pullAll(dongHo);
    const geographies = changes
      .filter((c) => c.collection === 'geographies')
      .map((c) => geographySchema.parse(c.data));
    expect(geographies.map((g) => [g.id, g.validFrom])).toEqual([
      [KG, '2024-01-01'],
      [AG, '2025-07-01'],
    ]);
    const catalog = new GeographyCatalog(geographies);
    expect(catalog.unit({ geographyId: AG, code: '30742' })?.name).toBe('Phường Rạch Giá');
    expect(catalog.unit({ geographyId: KG, code: '30742' })?.name).toBe('Phường Vĩnh Bảo');
  });

  it('keeps a record before the switch where it happened, with its geography', async () => {
    const stored = visibleActivities((await pullAll(vinhThanh)).changes).get(records.vinhThanh!.id);
    expect(stored).toMatchObject({ geographyId: KG, communeCode: UNITS.vinhThanh });
  });

  it('refuses an officer nobody moved a record after the switch (the new commune is larger), and says why', async () => {
    const late = talk(vinhQuang.user, UNITS.vinhQuang, { date: AFTER_SWITCH });
    const [result] = await vinhQuang.push([upsert(late)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'problem.noWriteRightUntilMoved' });
    expect(result?.status === 'rejected' && result.reason).toContain('Phường Rạch Giá');
    // What to do: the account is still on the old map; the phone sends it again once moved.
    expect(result?.status === 'rejected' && result.reason).toContain('chuyển tài khoản');
  });

  it('moves an account: same account and devices, new scope on the next pull, told in the pull', async () => {
    const before = await pullAll(vinhThanh);
    expect([...visibleActivities(before.changes).keys()]).toEqual([records.vinhThanh!.id]);
    expect(before.user).toMatchObject({ geographyId: KG, unitCode: UNITS.vinhThanh });

    const moved = await server.admin.call('PUT', `/api/admin/users/${vinhThanh.user.id}/unit`, {
      body: { unitCode: '30742' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.user).toMatchObject({
      id: vinhThanh.user.id,
      geographyId: AG,
      unitCode: '30742',
    });

    // Same token (device), the old cursor: the server starts this reader over for its new scope.
    const after = await pullAll(vinhThanh, before.cursor);
    expect(after.user).toMatchObject({ role: 'commune', geographyId: AG, unitCode: '30742' });
    const ids = [...visibleActivities(after.changes).keys()].sort();
    // The new Phường Rạch Giá holds old Vĩnh Thanh, Vĩnh Quang and Vĩnh Bảo; not Đông Hồ.
    expect(ids).toEqual([records.vinhThanh!.id, records.vinhQuang!.id, records.vinhBao!.id].sort());
  });

  it('accepts and maps a record naming a retired commune for a date after the switch', async () => {
    // The phone was offline across the switch and still offered Phường Vĩnh Thanh.
    const offline = talk(vinhThanh.user, UNITS.vinhThanh, { date: AFTER_SWITCH });
    const [result] = await vinhThanh.push([upsert(offline)]);
    expect(result).toMatchObject({
      status: 'applied',
      mapped: {
        from: { geographyId: KG, code: UNITS.vinhThanh },
        to: { geographyId: AG, code: '30742' },
        fromName: 'Phường Vĩnh Thanh',
        toName: 'Phường Rạch Giá',
      },
      data: { id: offline.id, geographyId: AG, communeCode: '30742' },
    });
    const history = await vinhThanh.call<HistoryResponse>('GET', `/api/sync/history/${offline.id}`);
    expect(history.body.versions).toHaveLength(1);
    expect(history.body.versions[0]).toMatchObject({
      data: { geographyId: AG, communeCode: '30742' },
      submitted: { geographyId: KG, communeCode: UNITS.vinhThanh },
    });
    // Replayed (the answer was lost): the same outcome, stored once.
    const [again] = await vinhThanh.push([{ ...upsert(offline), mutationId: result!.mutationId }]);
    expect(again).toMatchObject({ status: 'duplicate', rev: revOf(result) });
  });

  it('maps a record from an app version that sent no geography (its codes were 2024 codes)', async () => {
    const { geographyId: _dropped, ...legacy } = talk(vinhThanh.user, UNITS.vinhQuang, {
      date: AFTER_SWITCH,
    });
    const [result] = await vinhThanh.push([upsert(legacy as Activity)]);
    expect(result).toMatchObject({
      status: 'applied',
      data: { geographyId: AG, communeCode: '30742' },
    });
    const before = talk(vinhThanh.user, UNITS.vinhQuang);
    delete (before as Partial<Activity>).geographyId;
    const [kept] = await vinhThanh.push([upsert(before)]);
    expect(kept).toMatchObject({ status: 'applied' });
    expect(kept && 'mapped' in kept && kept.mapped).toBeFalsy();
  });

  it('never shows the new Rạch Giá’s records to the 2024 Vĩnh Bảo officer, who shares its code', async () => {
    const rachGiaRecord = talk(vinhThanh.user, '30742', { date: AFTER_SWITCH, geographyId: AG });
    expect((await vinhThanh.push([upsert(rachGiaRecord)]))[0]?.status).toBe('applied');
    const seen = visibleActivities((await pullAll(vinhBao)).changes);
    expect([...seen.keys()]).toEqual([records.vinhBao!.id]);
    expect(seen.get(records.vinhBao!.id)).toMatchObject({ geographyId: KG, communeCode: '30742' });
    const history = await vinhBao.call('GET', `/api/sync/history/${rachGiaRecord.id}`);
    expect(history.status).toBe(403);
    // …while the new Rạch Giá officer reads the 2024 Vĩnh Bảo record's history.
    expect((await vinhThanh.call('GET', `/api/sync/history/${records.vinhBao!.id}`)).status).toBe(
      200,
    );
  });

  it('a district account nobody moved reads its old communes’ records, old and new, and creates nothing', async () => {
    const district = await server.officer('district', UNITS.rachGia);
    // Its phone syncs only its own records (none); the district is read by asking for it.
    expect(visibleActivities((await pullAll(district)).changes).size).toBe(0);
    const seen = visibleActivities(
      (await pullAll(district, '0', `&unit=${UNITS.rachGia}`)).changes,
    );
    expect(seen.has(records.vinhQuang!.id)).toBe(true);
    expect(seen.has(records.dongHo!.id)).toBe(false);
    expect([...seen.values()].some((a) => a.geographyId === AG)).toBe(true);
    const [created] = await district.push([
      upsert(talk(district.user, UNITS.vinhQuang, { date: '2025-03-03' })),
    ]);
    expect(created?.status).toBe('rejected');
  });

  it('refuses an account in a unit that does not exist in the named geography, naming the other meaning', async () => {
    const answer = await server.admin.call('POST', '/api/admin/users', {
      body: {
        username: 'sai.don.vi',
        password: 'mat-khau-123',
        role: 'commune',
        unitCode: '30733',
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('problem.unitNotInGeographyElsewhere');
    expect(answer.body.detail).toContain('(mã này là Phường Vĩnh Thanh (kien-giang-2024))');
    const district = await server.admin.call('POST', '/api/admin/users', {
      body: { username: 'huyen.moi', password: 'mat-khau-123', role: 'district', unitCode: '91' },
    });
    expect(district.status).toBe(400);
  });
});
