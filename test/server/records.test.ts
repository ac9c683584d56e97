import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { RecordDetail, RecordsPage } from '../../src/shared/records/records-api';
import type { MutationResult } from '../../src/shared/sync/sync-protocol';
import { reportFixture } from '../shared/support/report-fixtures';
import { remove, talk, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

describe.each(DATABASE_KINDS)('records browser GET /api/records (%s)', (kind) => {
  let server: TestServer;
  let province: Session;
  let rachGia: Session;
  let vinhThanh: Session;
  let records: Activity[];
  let own: Activity;
  let deletedId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    [province, rachGia, vinhThanh] = await Promise.all([
      server.officer('province', '91'),
      server.officer('district', '899'),
      server.officer('commune', '30733', 'Lâm Thị Thu'),
    ]);
    records = reportFixture({ id: province.user.id, name: province.user.displayName });
    const results = await province.push(records.map((r) => upsert(r)));
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    own = talk(vinhThanh.user, '30733', { date: '2025-02-03', topic: 'Hỗ trợ sinh kế' });
    await vinhThanh.push([upsert(own)]);
    const gone = talk(vinhThanh.user, '30733', { date: '2025-02-04', topic: 'Sẽ xóa' });
    deletedId = gone.id;
    const created = await vinhThanh.push([upsert(gone)]);
    await vinhThanh.push([remove(gone.id, revOf(created[0]))]);
  });
  afterAll(() => server?.close());

  const list = (s: Session, query = '') => s.call<RecordsPage>('GET', `/api/records?${query}`);

  async function all(s: Session, query: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: { status: number; body: RecordsPage } = await list(
        s,
        `${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(3);
      ids.push(...answer.body.items.map((i) => i.id));
      cursor = answer.body.nextCursor;
    } while (cursor);
    return ids;
  }

  it('pages through every live record, newest first, with no repeats', async () => {
    const ids = await all(province, '');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(records.length + 1);
    expect(ids).not.toContain(deletedId);
    const first = (await list(province, 'limit=100')).body.items;
    const dates = first.map((i) => i.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first[0]).toMatchObject({
      date: '2025-07-01',
      form: 'community_talk',
      geographyId: 'an-giang-2025',
      communeCode: '30742',
      communeName: 'Phường Rạch Giá',
      title: 'Sau kỳ',
      participants: 7,
    });
  });

  it('finds words typed without diacritics, and combines filters', async () => {
    const titles = async (query: string) =>
      (await list(province, query)).body.items.map((i) => i.title).sort();
    expect(await titles('q=chinh sach vay')).toEqual(['Chính sách vay vốn']);
    expect(await titles('q=TO ROI')).toEqual(['Tờ rơi chính sách']);
    expect(await titles('q=chinh sach')).toEqual(['Chính sách vay vốn', 'Tờ rơi chính sách']);
    expect(await titles('q=100%25')).toEqual([]);
    expect(await titles('form=training')).toEqual(['Nghiệp vụ giảm nghèo']);
    // A7 and the commune officer's talk (saved as a draft).
    expect(await titles('status=draft')).toEqual(['', 'Hỗ trợ sinh kế']);
    expect(await titles('from=2025-06-01&to=2025-07-31')).toEqual([
      'Nghiệp vụ giảm nghèo',
      'Sau kỳ',
    ]);
    expect(await titles(`author=${vinhThanh.user.id}`)).toEqual(['Hỗ trợ sinh kế']);
    expect(await titles('q=tam&form=community_talk&from=2025-05-01')).toEqual([
      'Sau kỳ',
      'Thoát nghèo bền vững',
    ]);
  });

  it('a district officer sees their district (old and new communes) and nothing else', async () => {
    const ids = await all(rachGia, '');
    const inRachGia = records.filter((r) => ['30733', '30736', '30742'].includes(r.communeCode));
    expect(ids.sort()).toEqual([...inRachGia.map((r) => r.id), own.id].sort());
    expect((await list(rachGia, 'unit=900')).status).toBe(403);
    expect((await list(rachGia, 'unit=30736')).body.items.map((i) => i.communeCode)).toEqual([
      '30736',
    ]);
    const toChau = records.find((r) => r.communeCode === '30766')!;
    expect((await rachGia.call('GET', `/api/records/${toChau.id}`)).status).toBe(403);
    const detail = await rachGia.call<RecordDetail>('GET', `/api/records/${records[0]!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ id: records[0]!.id, topic: 'Chính sách vay vốn' });
    expect(detail.body.summary.communeName).toBe('Phường Vĩnh Thanh');
  });

  it('a commune officer sees their commune only (not the larger new commune)', async () => {
    const items = (await list(vinhThanh, 'limit=100')).body.items;
    expect(new Set(items.map((i) => `${i.geographyId}/${i.communeCode}`))).toEqual(
      new Set(['kien-giang-2024/30733']),
    );
    expect(items.map((i) => i.id)).toContain(own.id);
    expect((await list(vinhThanh, 'unit=899')).status).toBe(403);
  });

  it('answers bad input with problem details', async () => {
    for (const query of ['limit=0', 'limit=101', 'cursor=%%%', 'from=2025-02-30', 'form=x']) {
      const answer = await list(province, query);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await list(province, 'from=2025-03-01&to=2025-02-01')).status).toBe(400);
    const missing = await province.call('GET', '/api/records/019a0000-0000-7000-8000-00000000abcd');
    expect(missing.status).toBe(404);
    expect((await server.call('GET', '/api/records')).status).toBe(401);
  });

  it('lists who recorded, with counts, within the caller’s scope only (the author filter)', async () => {
    type Authors = { authors: { authorId: string; authorName: string; count: number }[] };
    const authorsOf = async (s: Session, query = '') => {
      const answer = await s.call<Authors>('GET', `/api/records/authors?${query}`);
      expect(answer.status).toBe(200);
      return answer.body.authors;
    };
    // The province sees both authors; the counts are the live records (not the deleted one).
    const everyone = await authorsOf(province);
    const provinceCount = (await all(province, `author=${province.user.id}`)).length;
    const communeCount = (await all(province, `author=${vinhThanh.user.id}`)).length;
    expect(communeCount).toBe(1);
    expect(everyone).toEqual(
      expect.arrayContaining([
        { authorId: province.user.id, authorName: province.user.displayName, count: provinceCount },
        { authorId: vinhThanh.user.id, authorName: 'Lâm Thị Thu', count: 1 },
      ]),
    );
    expect(everyone.map((a) => a.count)).toEqual(
      [...everyone.map((a) => a.count)].sort((a, b) => b - a),
    );
    // Narrowed by unit and dates: the same figures as the records browser's own filters.
    const inCommune = await authorsOf(province, 'unit=30733&geography=kien-giang-2024');
    for (const a of inCommune) {
      expect(a.count).toBe(
        (await all(province, `unit=30733&geography=kien-giang-2024&author=${a.authorId}`)).length,
      );
    }
    expect(
      await authorsOf(
        province,
        'from=2025-02-03&to=2025-02-03&unit=30733&geography=kien-giang-2024',
      ),
    ).toEqual([{ authorId: vinhThanh.user.id, authorName: 'Lâm Thị Thu', count: 1 }]);
    // A commune officer sees only the authors of their commune, and nothing outside it.
    const mine = await authorsOf(vinhThanh);
    for (const a of mine) {
      expect(a.count).toBe((await all(vinhThanh, `author=${a.authorId}`)).length);
    }
    expect((await vinhThanh.call('GET', '/api/records/authors?unit=899')).status).toBe(403);
    expect((await rachGia.call('GET', '/api/records/authors?unit=900')).status).toBe(403);
    expect(
      (await province.call('GET', '/api/records/authors?from=2025-02-05&to=2025-02-01')).status,
    ).toBe(400);
  });
});
