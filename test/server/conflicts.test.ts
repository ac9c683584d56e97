import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type {
  HistoryResponse,
  MutationResult,
  PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const revOf = (result: MutationResult | undefined) => {
  if (!result || !('rev' in result)) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.rev;
};
const edit = (record: Activity, changes: Partial<Activity>) =>
  ({ ...record, ...changes, updatedAt: new Date().toISOString() }) as Activity;

describe.each(DATABASE_KINDS)('conflicts and history (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;
  let binh: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    binh = await server.officer('commune', UNITS.vinhThanh, 'Trần Văn Bình');
  });
  afterAll(() => server?.close());

  async function shared(): Promise<{ record: Activity; rev: number }> {
    const record = talk(lan.user, UNITS.vinhThanh);
    return { record, rev: revOf((await lan.push([upsert(record)]))[0]) };
  }

  async function history(id: string): Promise<HistoryResponse> {
    const answer = await lan.call<HistoryResponse>('GET', `/api/sync/history/${id}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('merges concurrent edits of different fields without a conflict', async () => {
    const { record, rev } = await shared();
    revOf((await binh.push([upsert(edit(record, { place: 'Chùa Khmer Sóc Xoài' }), rev)]))[0]);
    const [result] = await lan.push([upsert(edit(record, { topic: 'Vay vốn sản xuất' }), rev)]);
    expect(result?.status).toBe('applied');
    // The answer carries the merged record, so Lan's phone stops showing its pre-merge copy.
    expect(result).toMatchObject({
      data: { place: 'Chùa Khmer Sóc Xoài', topic: 'Vay vốn sản xuất' },
    });

    const latest = (await history(record.id)).versions.at(-1)!;
    expect(latest.data).toMatchObject({ place: 'Chùa Khmer Sóc Xoài', topic: 'Vay vốn sản xuất' });
    // Bình's phone pulls the merged version, marked with who made it.
    const pulled = await binh.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${revOf(result) - 1}`,
    );
    expect(pulled.body.changes[0]).toMatchObject({
      recordId: record.id,
      rev: revOf(result),
      updatedBy: 'Nguyễn Thị Lan',
      data: { place: 'Chùa Khmer Sóc Xoài', topic: 'Vay vốn sản xuất' },
    });
    expect(pulled.body.changes[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('lets the later write win on the same field, reports the loser and keeps it in history', async () => {
    const { record, rev } = await shared();
    const binhRev = revOf((await binh.push([upsert(edit(record, { place: 'Ấp Tà Ên' }), rev)]))[0]);
    const [result] = await lan.push([
      upsert(edit(record, { place: 'Ấp Cây Dương', speaker: 'Bà Sáu' }), rev),
    ]);
    expect(result).toMatchObject({
      status: 'conflict',
      conflicts: [
        {
          path: 'place',
          overwrittenValue: 'Ấp Tà Ên',
          overwrittenRev: binhRev,
          overwrittenBy: 'Trần Văn Bình',
        },
      ],
      data: { place: 'Ấp Cây Dương', speaker: 'Bà Sáu' },
    });
    const places = (await history(record.id)).versions.map((v) => (v.data as Activity).place);
    expect(places).toEqual([record.place, 'Ấp Tà Ên', 'Ấp Cây Dương']);
  });

  it('merges a device’s second offline edit against its own first one, not against the old base', async () => {
    const record = talk(lan.user, UNITS.vinhThanh);
    const first = revOf((await lan.push([upsert(record)]))[0]);
    // Bình edits the place after the record reached the server...
    await binh.push([upsert(edit(record, { place: 'Nhà văn hóa khu phố 5' }), first)]);
    // ...while Lan's phone, still offline, had saved a second edit (its outbox says baseRev null).
    const [second] = await lan.push([upsert(edit(record, { topic: 'Bảo hiểm y tế' }), null)]);
    expect(second?.status).toBe('applied');
    expect((await history(record.id)).versions.at(-1)?.data).toMatchObject({
      place: 'Nhà văn hóa khu phố 5',
      topic: 'Bảo hiểm y tế',
    });
  });

  it('applies several edits of one record in one batch in order', async () => {
    const record = talk(lan.user, UNITS.vinhThanh);
    const results = await lan.push([
      upsert(record),
      upsert(edit(record, { topic: 'Lần 2' })),
      upsert(edit(record, { topic: 'Lần 3', place: 'Chợ' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const versions = (await history(record.id)).versions;
    expect(versions.map((v) => (v.data as { topic: string }).topic)).toEqual([
      'Chính sách hỗ trợ hộ nghèo',
      'Lần 2',
      'Lần 3',
    ]);
  });

  it('stores the incoming record as sent when the field mix would break a cross-field rule', async () => {
    const { record, rev } = await shared();
    const paid = edit(record, { costVnd: 1_500_000, fundingSource: 'local_budget' });
    const paidRev = revOf((await lan.push([upsert(paid, rev)]))[0]);
    // Bình removes the cost and its source; Lan, from the same base, raises the cost.
    const { fundingSource: _removed, ...free } = edit(paid, { costVnd: 0 });
    await binh.push([upsert(free as Activity, paidRev)]);
    const [result] = await lan.push([upsert(edit(paid, { costVnd: 2_000_000 }), paidRev)]);
    expect(result?.status).toBe('conflict');
    if (result?.status !== 'conflict') return;
    expect(result.conflicts.map((c) => c.path).sort()).toEqual(['costVnd', 'fundingSource']);
    expect(result.data).toMatchObject({ costVnd: 2_000_000, fundingSource: 'local_budget' });
  });

  it('brings a deleted record back when another device saves it later, keeping the delete in history', async () => {
    const { record, rev } = await shared();
    await binh.push([remove(record.id, rev)]);
    const [result] = await lan.push([upsert(edit(record, { notes: 'Đã bổ sung biên bản' }), rev)]);
    expect(result).toMatchObject({
      status: 'conflict',
      conflicts: [{ path: 'deleted', overwrittenValue: true, overwrittenBy: 'Trần Văn Bình' }],
    });
    expect((await history(record.id)).versions.map((v) => v.op)).toEqual([
      'upsert',
      'delete',
      'upsert',
    ]);
  });

  it('keeps the author and refuses an edit that changes it', async () => {
    const { record, rev } = await shared();
    const [result] = await binh.push([upsert(edit(record, { authorId: binh.user.id }), rev)]);
    expect(result).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'authorId' })],
    });
  });

  it('shows history only inside the caller’s read scope', async () => {
    const { record } = await shared();
    const outsider = await server.officer('commune', UNITS.vinhQuang);
    expect((await outsider.call('GET', `/api/sync/history/${record.id}`)).status).toBe(403);
    const district = await server.officer('district', UNITS.rachGia);
    expect((await district.call('GET', `/api/sync/history/${record.id}`)).status).toBe(200);
    expect(
      (await lan.call('GET', `/api/sync/history/${talk(lan.user, UNITS.vinhThanh).id}`)).status,
    ).toBe(404);
  });
});
