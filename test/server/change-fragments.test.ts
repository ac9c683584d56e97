import { describe, expect, it } from 'vitest';
import { ChangeFragments } from '../../src/server/modules/sync/change-fragments';
import { pullPageBytes, pullPageJson } from '../../src/server/modules/sync/pull-page-json';
import type { FeedRow } from '../../src/server/modules/sync/sync.repository';

const row = (version: number, overrides: Partial<FeedRow> = {}): FeedRow => ({
  version,
  collection: 'activities',
  record_id: `0190a0b0-0000-7000-8000-${String(version).padStart(12, '0')}`,
  op: 'upsert',
  geography_id: 'an-giang-2025',
  commune_code: '30280',
  prev_geography_id: null,
  prev_commune_code: null,
  data: JSON.stringify({ notes: `Đối thoại chính sách số ${version}`, n: version }),
  user_id: 'u1',
  device_id: 'd1',
  updated_by: 'Nguyễn Thị Lan',
  updated_at: '2026-11-30T04:00:00.000Z',
  ...overrides,
});

/** The database as the cache sees it: counts which versions it was asked for. */
function store(rows: FeedRow[]) {
  const asked: number[][] = [];
  const load = async (versions: number[]) => {
    asked.push(versions);
    return new Map(
      versions.map((v) => [v, rows.find((r) => Number(r.version) === v)?.data ?? null]),
    );
  };
  return { asked, load };
}

const heads = (rows: FeedRow[]) => rows.map(({ data: _data, ...head }) => head);
const visible = new Set(['an-giang-2025/30280']);

describe('change fragments: each version’s JSON written once for every reader', () => {
  it('makes the same page as writing every change from its stored JSON', async () => {
    const rows = [
      row(1),
      row(2, { op: 'delete', data: null }),
      row(3, { commune_code: '30283', prev_commune_code: '30280' }), // moved away: tombstone
      row(4, { collection: 'admin_units', commune_code: null, data: '{"code":"30280"}' }),
    ];
    const { load } = store(rows);
    const fragments = new ChangeFragments();
    for (let reader = 0; reader < 2; reader++) {
      const parts = await fragments.of(heads(rows), visible, load);
      const bytes = pullPageBytes(parts, '4.abc', false, { remaining: 0 });
      expect(bytes.toString('utf8')).toBe(
        pullPageJson(rows, visible, '4.abc', false, { remaining: 0 }),
      );
      expect(JSON.parse(bytes.toString('utf8')).changes[2]).toMatchObject({
        op: 'delete',
        data: null,
      });
    }
  });

  it('reads from the database only the versions no reader has had yet', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 1));
    const { asked, load } = store(rows);
    const fragments = new ChangeFragments();
    await fragments.of(heads(rows.slice(0, 6)), visible, load);
    await fragments.of(heads(rows.slice(3)), visible, load);
    await fragments.of(heads(rows), null, load);
    expect(asked).toEqual([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10],
    ]);
  });

  it('keeps within its budget, forgetting the least recently read first', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1));
    const one = Buffer.byteLength(
      pullPageJson([rows[0]!], null, '1', false).slice('{"changes":['.length),
    );
    const { asked, load } = store(rows);
    const fragments = new ChangeFragments(one * 5);
    await fragments.of(heads(rows.slice(0, 5)), null, load); // 1–5 kept
    await fragments.of(heads(rows.slice(0, 1)), null, load); // 1 read again: most recent
    await fragments.of(heads(rows.slice(5, 7)), null, load); // 6, 7 push out 2 and 3
    expect(fragments.size.entries).toBe(5);
    expect(fragments.size.bytes).toBeLessThanOrEqual(one * 5);
    asked.length = 0;
    await fragments.of(heads([rows[0]!, rows[1]!, rows[2]!, rows[3]!]), null, load);
    expect(asked).toEqual([[2, 3]]);
  });

  it('refuses to invent a version the database no longer has', async () => {
    const fragments = new ChangeFragments();
    await expect(fragments.of(heads([row(9)]), null, async () => new Map())).rejects.toThrow(/9/);
  });
});
