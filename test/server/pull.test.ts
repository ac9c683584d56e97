import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import {
  MAX_PULL_LIMIT,
  type Change,
  type PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

interface Feed {
  changes: Change[];
  cursors: number[];
}

/** Pulls from `since` until the server says there is no more, with the given page sizes. */
async function drain(
  session: Session,
  feed: Feed,
  since: string,
  limits: number[],
  query = '',
): Promise<string> {
  let cursor = since;
  for (let page = 0; ; page++) {
    const limit = limits[page % limits.length];
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${cursor}&limit=${limit}${query}`,
    );
    expect(answer.status).toBe(200);
    feed.changes.push(...answer.body.changes);
    // Opaque to clients; it starts with the version, which is what this test watches.
    feed.cursors.push(Number.parseInt(answer.body.cursor, 10));
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return cursor;
  }
}

const activityIds = (changes: Change[]) =>
  changes.filter((c) => c.collection === 'activities').map((c) => c.recordId);

describe.each(DATABASE_KINDS)('pull (%s)', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it('pages through 10,000 changes from 20 concurrent devices with no gap and no repeat', async () => {
    const communes = ['30730', UNITS.vinhThanh, UNITS.vinhQuang, '30739', '30742'];
    const officers = await Promise.all(
      communes.flatMap((c) => [0, 1].map(() => server.officer('commune', c))),
    );
    // Each officer also syncs from a second phone: 20 devices.
    const devices = [
      ...officers,
      ...(await Promise.all(
        officers.map((o) => server.login(o.user.username, 'mat-khau-thu-nghiem', 'Máy tính bảng')),
      )),
    ];
    expect(new Set(devices.map((d) => d.deviceId)).size).toBe(20);
    const reader = await server.officer('province', UNITS.province);
    // The province's phone syncs only its own records: read the whole province by asking for it.
    const whole = `&unit=${UNITS.province}&geography=kien-giang-2024`;

    const pushed = new Set<string>();
    let writing = true;
    const writers = devices.map(async (device) => {
      for (let batch = 0; batch < 5; batch++) {
        const records = Array.from({ length: 100 }, () => talk(device.user, device.user.unitCode));
        for (const r of records) pushed.add(r.id);
        const results = await device.push(records.map((r) => upsert(r)));
        expect(results.every((r) => r.status === 'applied')).toBe(true);
      }
    });
    const feed: Feed = { changes: [], cursors: [] };
    const reading = (async () => {
      let cursor = '0';
      while (writing) cursor = await drain(reader, feed, cursor, [500, 1000, 137], whole);
      return cursor;
    })();
    await Promise.all(writers);
    writing = false;
    await drain(reader, feed, await reading, [1000], whole);

    const revs = feed.changes.map((c) => c.rev);
    expect(revs.every((rev, i) => i === 0 || rev > revs[i - 1]!)).toBe(true);
    expect(feed.cursors.every((c, i) => i === 0 || c >= feed.cursors[i - 1]!)).toBe(true);
    const ids = activityIds(feed.changes);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids)).toEqual(pushed);

    // A fresh device pulling everything afterwards sees exactly the same feed.
    const again: Feed = { changes: [], cursors: [] };
    await drain(reader, again, '0', [MAX_PULL_LIMIT], whole);
    expect(again.changes.map((c) => c.rev)).toEqual(revs);
  }, 120_000);

  it('returns only the caller’s units’ activities, and the reference data to everyone', async () => {
    const lan = await server.officer('commune', UNITS.dongHo);
    const district = await server.officer('district', UNITS.haTien);
    const other = await server.officer('district', UNITS.rachGia);
    const record = talk(lan.user, UNITS.dongHo);
    await lan.push([upsert(record)]);

    const seen = async (s: Session, query = '') => {
      const feed: Feed = { changes: [], cursors: [] };
      await drain(s, feed, '0', [MAX_PULL_LIMIT], query);
      return feed.changes;
    };
    const lanFeed = await seen(lan);
    expect(activityIds(lanFeed)).toEqual([record.id]);
    expect(lanFeed.filter((c) => c.collection === 'admin_units')).toHaveLength(160);
    expect(lanFeed.filter((c) => c.collection === 'geographies').map((c) => c.recordId)).toEqual([
      'kien-giang-2024',
      'an-giang-2025',
    ]);
    // A district phone syncs only its own records; reading the district is asking for it.
    expect(activityIds(await seen(district))).toEqual([]);
    expect(activityIds(await seen(district, `&unit=${UNITS.haTien}`))).toEqual([record.id]);
    expect(activityIds(await seen(other))).not.toContain(record.id);
    const province = await server.officer('province', UNITS.province);
    const haTien2024 = `&unit=${UNITS.haTien}&geography=kien-giang-2024`;
    expect(activityIds(await seen(province, haTien2024))).toEqual([record.id]);
  });

  it('sends a tombstone to readers a record moves away from', async () => {
    // Province-level accounts write their own records anywhere (districts write nothing since
    // July 2025).
    const district = await server.officer('province', UNITS.province);
    const from = await server.officer('commune', UNITS.vinhThanh);
    const to = await server.officer('commune', UNITS.vinhQuang);
    const record = talk(district.user, UNITS.vinhThanh, {
      topic: 'Sẽ chuyển đơn vị',
    } as Partial<Activity>);
    const [created] = await district.push([upsert(record)]);
    const rev = created?.status === 'applied' ? created.rev : 0;
    const [moved] = await district.push([upsert({ ...record, communeCode: UNITS.vinhQuang }, rev)]);
    expect(moved?.status).toBe('applied');

    const since = String(rev - 1);
    const fromFeed = (await from.call<PullResponse>('GET', `/api/sync/pull?since=${since}`)).body
      .changes;
    expect(
      fromFeed.filter((c) => c.recordId === record.id).map((c) => [c.op, c.data === null]),
    ).toEqual([
      ['upsert', false],
      ['delete', true],
    ]);
    const toFeed = (await to.call<PullResponse>('GET', `/api/sync/pull?since=${since}`)).body
      .changes;
    expect(toFeed.filter((c) => c.recordId === record.id).map((c) => c.op)).toEqual(['upsert']);
  });

  it('says how many activity changes remain when asked (count=activities), units not counted', async () => {
    const lan = await server.officer('commune', UNITS.dongHo);
    const other = await server.officer('commune', UNITS.vinhQuang);
    const mine = Array.from({ length: 7 }, () => talk(lan.user, UNITS.dongHo));
    const results = await lan.push(mine.map((r) => upsert(r)));
    await other.push([upsert(talk(other.user, UNITS.vinhQuang))]);
    // An edit is one more change of the same record: it travels, so it is counted.
    const rev = results[0]?.status === 'applied' ? results[0].rev : null;
    const [edited] = await lan.push([upsert({ ...mine[0]!, topic: 'Sửa lại' } as Activity, rev)]);
    expect(edited?.status).toBe('applied');

    const all: Feed = { changes: [], cursors: [] };
    await drain(lan, all, '0', [MAX_PULL_LIMIT]);
    const total = all.changes.filter((c) => c.collection === 'activities').length;
    expect(total).toBeGreaterThanOrEqual(8);

    // Page by page (the first ones hold only units and geographies): what came plus what
    // remains is always the whole.
    let since = '0';
    let seen = 0;
    for (;;) {
      const answer = await lan.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${since}&limit=60&count=activities`,
      );
      seen += answer.body.changes.filter((c) => c.collection === 'activities').length;
      expect(seen + answer.body.remaining!).toBe(total);
      since = answer.body.cursor;
      if (!answer.body.hasMore) break;
    }
    expect(seen).toBe(total);
    // Without the question, no count (and no extra query).
    const plain = await lan.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=60');
    expect(plain.body).not.toHaveProperty('remaining');
    const bad = await lan.call('GET', '/api/sync/pull?count=everything');
    expect(bad.status).toBe(400);
  });

  it('counts records, not versions, for "n / m hoạt động" (count=records), in every feed', async () => {
    const lan = await server.officer('commune', UNITS.vinhThanh);
    const other = await server.officer('commune', UNITS.vinhQuang);
    const mine = Array.from({ length: 5 }, () => talk(lan.user, UNITS.vinhThanh));
    const results = await lan.push(mine.map((r) => upsert(r)));
    await other.push([upsert(talk(other.user, UNITS.vinhQuang))]);
    // One record edited twice: three versions travel, and it is still one line of the list.
    let rev = results[0]?.status === 'applied' ? results[0].rev : null;
    for (const topic of ['Sửa lần 1', 'Sửa lần 2']) {
      const [edited] = await lan.push([upsert({ ...mine[0]!, topic } as Activity, rev)]);
      rev = edited?.status === 'applied' ? edited.rev : null;
    }
    expect(rev).not.toBeNull();

    const all: Feed = { changes: [], cursors: [] };
    const end = await drain(lan, all, '0', [MAX_PULL_LIMIT]);
    const activities = all.changes.filter((c) => c.collection === 'activities');
    const records = new Set(activities.map((c) => c.recordId)).size;
    expect(activities.length).toBeGreaterThan(records);

    // Small pages (several of them) and one big page: the first says the records of the whole pull.
    for (const limit of [40, MAX_PULL_LIMIT]) {
      const first = await lan.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=0&limit=${limit}&count=records`,
      );
      expect(first.status).toBe(200);
      expect(first.body.records, `limit ${limit}`).toBe(records);
      expect(first.body).not.toHaveProperty('remaining');
    }
    // From a cursor, in one page: the records changed after it — one edited twice, one new.
    let rev1 = results[1]?.status === 'applied' ? results[1].rev : null;
    for (const topic of ['Sửa 1', 'Sửa 2']) {
      const [edited] = await lan.push([upsert({ ...mine[1]!, topic } as Activity, rev1)]);
      rev1 = edited?.status === 'applied' ? edited.rev : null;
    }
    await lan.push([upsert(talk(lan.user, UNITS.vinhThanh))]);
    const since = await lan.call<PullResponse>('GET', `/api/sync/pull?since=${end}&count=records`);
    expect(since.body.hasMore).toBe(false);
    expect(since.body.changes.filter((c) => c.collection === 'activities')).toHaveLength(3);
    expect(since.body.records).toBe(2);

    // An author-only phone (province) counts the records its user authored, each once.
    const province = await server.officer('province', UNITS.province);
    const authored = Array.from({ length: 3 }, () => talk(province.user, UNITS.vinhThanh));
    const made = await province.push(authored.map((r) => upsert(r)));
    const firstRev = made[0]?.status === 'applied' ? made[0].rev : null;
    await province.push([upsert({ ...authored[0]!, topic: 'Sửa' } as Activity, firstRev)]);
    const own = await province.call<PullResponse>(
      'GET',
      '/api/sync/pull?since=0&limit=5&count=records',
    );
    expect(own.body.records).toBe(3);
  });

  it('validates the cursor, the limit and the unit', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    for (const query of ['since=abc', 'since=-1', 'limit=0', 'limit=x', 'unit=không-có']) {
      const answer = await officer.call('GET', `/api/sync/pull?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const capped = await officer.call<PullResponse>('GET', '/api/sync/pull?limit=5000');
    expect(capped.status).toBe(200);
    expect(capped.body.changes.length).toBeLessThanOrEqual(MAX_PULL_LIMIT);
    const outside = await officer.call('GET', `/api/sync/pull?unit=${UNITS.vinhQuang}`);
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toBe('Bạn không có quyền xem dữ liệu của đơn vị này.');
  });
});
