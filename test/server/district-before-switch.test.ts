import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { MutationResult, PullResponse } from '../../src/shared/sync/sync-protocol';
import type { RecordsPage } from '../../src/shared/records/records-api';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Issue 3's district officer "while the district exists": before 1 July 2025 a district account
// reads and writes its district's communes and nothing else; from the switch (the server's
// Vietnam date) the same account reads its old communes and writes nothing (issue 9). The
// server's clock is moved across the switch; nothing else changes.

const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

describe.each(DATABASE_KINDS)('a district account across the switch (%s)', (kind) => {
  let now = new Date('2025-05-02T03:00:00Z'); // 10:00 in Vietnam, 2 May 2025
  let server: TestServer;
  let rachGia: Session;
  let vinhQuang: Session;
  let dongHo: Session;
  let inQuang: Activity;
  let inDongHo: Activity;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => now });
    [rachGia, vinhQuang, dongHo] = await Promise.all([
      server.officer('district', UNITS.rachGia),
      server.officer('commune', UNITS.vinhQuang),
      server.officer('commune', UNITS.dongHo),
    ]);
    inQuang = talk(vinhQuang.user, UNITS.vinhQuang, { date: '2025-04-28' });
    inDongHo = talk(dongHo.user, UNITS.dongHo, { date: '2025-04-28' });
    expect((await vinhQuang.push([upsert(inQuang)]))[0]?.status).toBe('applied');
    expect((await dongHo.push([upsert(inDongHo)]))[0]?.status).toBe('applied');
  });
  afterAll(() => server?.close());

  it('before 1 July 2025: writes its own records in its communes only, reads its district only', async () => {
    const own = talk(rachGia.user, UNITS.vinhThanh, { date: '2025-04-30' });
    const elsewhere = talk(rachGia.user, UNITS.dongHo, { date: '2025-04-30' });
    const results = await rachGia.push([upsert(own), upsert(elsewhere)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    // A commune's record of its district: the district writes it too (issue 3: "a district
    // officer their district's communes"); one of another district it may not.
    const quangRev = (await rachGia.call<RecordsPage>('GET', `/api/records/${inQuang.id}`)).body;
    const edits = await rachGia.push([
      upsert({ ...inQuang, place: 'Chùa Phật Quang' } as Activity, (quangRev as any).summary.rev),
      upsert({ ...inDongHo, place: 'Sửa trái phép' } as Activity, 1),
    ]);
    expect(edits.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(revOf(edits[0])).toBeGreaterThan(0);

    const browsed = await rachGia.call<RecordsPage>('GET', '/api/records?limit=100');
    expect(browsed.status).toBe(200);
    expect(browsed.body.items.map((i) => i.id).sort()).toEqual([own.id, inQuang.id].sort());
    expect((await rachGia.call('GET', `/api/records/${inDongHo.id}`)).status).toBe(403);
    expect((await rachGia.call('GET', `/api/sync/history/${inDongHo.id}`)).status).toBe(403);
    const report = await rachGia.call(
      'GET',
      `/api/reports/summary?unit=${UNITS.haTien}&geography=kien-giang-2024&from=2025-01-01&to=2025-06-30`,
    );
    expect(report.status).toBe(403);
    // Its phone syncs what it wrote (docs/sync-protocol.md, author-only above the commune).
    const pulled = await rachGia.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=1000');
    const ids = pulled.body.changes
      .filter((c) => c.collection === 'activities')
      .map((c) => c.recordId);
    expect(ids).toEqual([own.id]);
    // …and, asked for a commune of its district, that commune's records.
    const quang = await rachGia.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=0&limit=1000&unit=${UNITS.vinhQuang}`,
    );
    expect(
      new Set(
        quang.body.changes.filter((c) => c.collection === 'activities').map((c) => c.recordId),
      ),
    ).toEqual(new Set([inQuang.id]));
    expect((await rachGia.call('GET', `/api/sync/pull?since=0&unit=${UNITS.dongHo}`)).status).toBe(
      403,
    );
  });

  it('from 1 July 2025 (server date): the same account reads its old communes and writes nothing', async () => {
    now = new Date('2025-07-01T01:00:00Z'); // 08:00 on 1 July in Vietnam
    const own = talk(rachGia.user, UNITS.vinhThanh, { date: '2025-06-30' });
    const [refused] = await rachGia.push([upsert(own)]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'problem.districtDissolved' });
    const browsed = await rachGia.call<RecordsPage>('GET', '/api/records?limit=100');
    expect(browsed.body.items.map((i) => i.id)).toContain(inQuang.id);
    expect(browsed.body.items.map((i) => i.id)).not.toContain(inDongHo.id);
  });
});
