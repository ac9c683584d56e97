import { describe, expect, it } from 'vitest';
import { FeedCache } from '../../src/server/modules/sync/feed-cache';
import type { FeedHead } from '../../src/server/modules/sync/sync.repository';

/** Feed rows at these versions (what a feed read returns, in version order). */
const rows = (...versions: number[]): FeedHead[] =>
  versions.map((version) => ({
    version,
    collection: 'activities',
    record_id: `r${version}`,
    op: 'upsert',
    updated_by: 'Lan',
    updated_at: '2026-12-01T00:00:00.000Z',
    commune_code: '30280',
    geography_id: 'an-giang-2025',
    prev_commune_code: null,
    prev_geography_id: null,
  })) as unknown as FeedHead[];
const versions = (list: FeedHead[] | undefined) => list?.map((r) => Number(r.version));

// What a pull may take from rows another reader of the same feed already read: only a range it
// knows whole (a read from `since` saw every row up to its last one), and above it nothing.
describe('feed cache: the rows a reader of the same feed already read', () => {
  it('answers a cursor inside a range read whole, and says from where the database must go on', () => {
    const cache = new FeedCache();
    cache.learn('a', 10, rows(12, 15, 20, 31));
    // Enough kept after the cursor: no database read needed (upTo is the last row given).
    expect(cache.after('a', 12, 2)).toEqual({ rows: rows(15, 20), upTo: 20 });
    // Not enough: what is kept, then the database from the range's top.
    expect(cache.after('a', 15, 5)).toEqual({ rows: rows(20, 31), upTo: 31 });
    // At the top: nothing kept above, the database goes on from there.
    expect(cache.after('a', 31, 5)).toEqual({ rows: [], upTo: 31 });
    // Below the range or above it: nothing is known.
    expect(cache.after('a', 9, 5)).toBeUndefined();
    expect(cache.after('a', 32, 5)).toBeUndefined();
    // Another feed (another scope) never gets these rows.
    expect(cache.after('b', 12, 5)).toBeUndefined();
  });

  it('grows a range read on from inside it, and a range read from below it', () => {
    const cache = new FeedCache();
    cache.learn('a', 10, rows(12, 15));
    cache.learn('a', 12, rows(15, 20, 25)); // read on from inside
    expect(versions(cache.after('a', 10, 10)?.rows)).toEqual([12, 15, 20, 25]);
    cache.learn('a', 5, rows(7, 12)); // read from below, overlapping
    expect(versions(cache.after('a', 5, 10)?.rows)).toEqual([7, 12, 15, 20, 25]);
    expect(cache.after('a', 5, 10)?.upTo).toBe(25);
    // A read above the range, not touching it: the newer range replaces it.
    cache.learn('a', 40, rows(41));
    expect(cache.after('a', 20, 5)).toBeUndefined();
    expect(versions(cache.after('a', 40, 5)?.rows)).toEqual([41]);
    // An older read apart from it is not kept over it.
    cache.learn('a', 1, rows(2));
    expect(versions(cache.after('a', 40, 5)?.rows)).toEqual([41]);
    // An empty read proves nothing (its top is unknown).
    cache.learn('b', 3, []);
    expect(cache.after('b', 3, 5)).toBeUndefined();
  });

  it('keeps at most so many rows per feed and in all, dropping the oldest', () => {
    const cache = new FeedCache(3, 5);
    cache.learn('a', 0, rows(1, 2, 3, 4));
    // Row 1 dropped: the range now starts at 1, and a cursor below it is not answered.
    expect(cache.after('a', 0, 5)).toBeUndefined();
    expect(versions(cache.after('a', 1, 5)?.rows)).toEqual([2, 3, 4]);
    cache.learn('b', 0, rows(1, 2));
    cache.learn('c', 0, rows(1, 2)); // 7 rows: the least recently used feed goes
    expect(cache.size).toEqual({ feeds: 2, rows: 4 });
    expect(cache.after('a', 1, 5)).toBeUndefined();
    expect(versions(cache.after('c', 0, 5)?.rows)).toEqual([1, 2]);
  });
});
