import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import {
  MAX_PULL_LIMIT,
  type Change,
  type PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Author-only sync (docs/sync-protocol.md, "What a phone syncs"): every role above the commune
// pulls only the records its user authored, plus all reference data; seeing is not syncing.

interface Drained {
  changes: Change[];
  pages: PullResponse[];
  cursor: string;
}

async function drain(session: Session, since = '0', limit = MAX_PULL_LIMIT, query = '') {
  const out: Drained = { changes: [], pages: [], cursor: since };
  for (;;) {
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${out.cursor}&limit=${limit}${query}`,
    );
    expect(answer.status).toBe(200);
    out.pages.push(answer.body);
    out.changes.push(...answer.body.changes);
    out.cursor = answer.body.cursor;
    if (!answer.body.hasMore) return out;
  }
}

const activityIds = (changes: Change[]) =>
  changes.filter((c) => c.collection === 'activities').map((c) => c.recordId);

/** The cursor key the server gave before author-only sync (role, geography, unit, query). */
function keyBeforeAuthorOnly(session: Session): string {
  const { user } = session;
  const what = [user.role, user.geographyId, user.unitCode, '', ''];
  return createHash('sha256').update(what.join('\u0000')).digest('hex').slice(0, 10);
}

const revOf = (result: { status: string; rev?: number } | undefined) =>
  result && 'rev' in result ? result.rev! : 0;

describe.each(DATABASE_KINDS)('author-only sync (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;
  let province: Session;
  let communeRecords: Activity[];
  let own: Activity[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    province = await server.officer('province', UNITS.province, 'Lê Văn Tỉnh');
    communeRecords = Array.from({ length: 50 }, () => talk(lan.user, UNITS.vinhThanh));
    const pushed = await lan.push(communeRecords.map((r) => upsert(r)));
    expect(pushed.every((r) => r.status === 'applied')).toBe(true);
    // The province officer's own records, one in the same commune, one edited, one deleted.
    own = [
      talk(province.user, UNITS.vinhThanh, { topic: 'Đối thoại của tỉnh' } as Partial<Activity>),
      talk(province.user, UNITS.dongHo),
      talk(province.user, UNITS.vinhQuang),
    ];
    const [first, , third] = await province.push(own.map((r) => upsert(r)));
    const edited = { ...own[0]!, place: 'Hội trường xã' } as Activity;
    expect((await province.push([upsert(edited, revOf(first))]))[0]?.status).toBe('applied');
    expect((await province.push([remove(own[2]!.id, revOf(third))]))[0]?.status).toBe('applied');
  }, 60_000);
  afterAll(() => server?.close());

  it('a province phone pulls only its own records (every version), and all reference data', async () => {
    const feed = await drain(province, '0', 137);
    const ids = activityIds(feed.changes);
    // Three records, one edit, one tombstone: five versions, in order, nothing of the commune's.
    expect(ids.sort()).toEqual([own[0]!.id, own[0]!.id, own[1]!.id, own[2]!.id, own[2]!.id].sort());
    expect(ids.filter((id) => communeRecords.some((r) => r.id === id))).toEqual([]);
    const revs = feed.changes.map((c) => c.rev);
    expect(revs.every((rev, i) => i === 0 || rev > revs[i - 1]!)).toBe(true);
    expect(feed.changes.filter((c) => c.collection === 'admin_units')).toHaveLength(160);
    expect(feed.changes.filter((c) => c.collection === 'geographies')).toHaveLength(2);
    expect(feed.changes.some((c) => c.collection === 'settings')).toBe(true);
    // The commune officer still syncs the whole commune (50 + the province's record there).
    const communeFeed = await drain(lan);
    const communeIds = new Set(activityIds(communeFeed.changes));
    for (const r of communeRecords) expect(communeIds.has(r.id)).toBe(true);
    expect(communeIds.has(own[0]!.id)).toBe(true);
    expect(communeIds.has(own[1]!.id)).toBe(false);
  });

  it('counts the author-only feed (count=activities) page by page', async () => {
    const total = activityIds((await drain(province)).changes).length;
    expect(total).toBe(5);
    let since = '0';
    let seen = 0;
    for (;;) {
      const answer = await province.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${since}&limit=60&count=activities`,
      );
      seen += activityIds(answer.body.changes).length;
      expect(seen + answer.body.remaining!).toBe(total);
      since = answer.body.cursor;
      if (!answer.body.hasMore) break;
    }
    expect(seen).toBe(total);
  });

  it('restarts a cursor made for the wider feed, and says so; an own cursor continues', async () => {
    const everything = await drain(province);
    const version = Number.parseInt(everything.cursor, 10);
    const old = `${version}.${keyBeforeAuthorOnly(province)}`;
    const restarted = await province.call<PullResponse>('GET', `/api/sync/pull?since=${old}`);
    expect(restarted.body.restarted).toBe(true);
    // From the beginning: the reference data comes again, then the records.
    expect(restarted.body.changes[0]?.collection).toBe('admin_units');
    const again = await drain(province, restarted.body.cursor);
    expect(again.pages.every((p) => p.restarted === undefined)).toBe(true);

    const current = await province.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${everything.cursor}`,
    );
    expect(current.body.restarted).toBeUndefined();
    expect(current.body.changes).toEqual([]);
    // A commune officer's cursor is untouched by the change.
    const communeCursor = (await drain(lan)).cursor;
    expect(Number.parseInt(communeCursor, 10)).toBeGreaterThan(0);
    const communeNext = await lan.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${communeCursor}`,
    );
    expect(communeNext.body.restarted).toBeUndefined();
    expect(communeNext.body.changes).toEqual([]);
    const oldCommune = `${Number.parseInt(communeCursor, 10)}.${keyBeforeAuthorOnly(lan)}`;
    expect(
      (await lan.call<PullResponse>('GET', `/api/sync/pull?since=${oldCommune}`)).body.restarted,
    ).toBeUndefined();
  });

  it('a new record of the author arrives incrementally; a colleague’s never does', async () => {
    const cursor = (await drain(province)).cursor;
    const mine = talk(province.user, UNITS.dongHo);
    const theirs = talk(lan.user, UNITS.vinhThanh);
    await lan.push([upsert(theirs)]);
    await province.push([upsert(mine)]);
    await lan.push([upsert(talk(lan.user, UNITS.vinhThanh))]);
    const next = await drain(province, cursor, 1);
    expect(activityIds(next.changes)).toEqual([mine.id]);
  });

  it('district accounts sync their own records only; reading a unit stays possible', async () => {
    const district = await server.officer('district', UNITS.rachGia);
    const feed = await drain(district);
    expect(activityIds(feed.changes)).toEqual([]);
    const read = await drain(district, '0', MAX_PULL_LIMIT, `&unit=${UNITS.vinhThanh}`);
    const readIds = new Set(activityIds(read.changes));
    for (const r of communeRecords) expect(readIds.has(r.id)).toBe(true);
  });

  it('seeing is not syncing: the province still reads a commune record’s history', async () => {
    const record = communeRecords[0]!;
    const history = await province.call<{ versions: unknown[] }>(
      'GET',
      `/api/sync/history/${record.id}`,
    );
    expect(history.status).toBe(200);
    expect(history.body.versions).toHaveLength(1);
  });
});
