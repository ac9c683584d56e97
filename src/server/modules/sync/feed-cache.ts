import type { FeedHead } from './sync.repository';

/** Feed rows kept per reader's feed: a catch-up's worth of a commune's recent versions. */
const DEFAULT_ROWS_PER_FEED = 5_000;
/** Feed rows kept in all (~300–400 bytes each): the oldest-used feeds go first. */
const DEFAULT_ROWS_IN_ALL = 100_000;

interface Range {
  /** Every row of the feed with lo < version ≤ hi is in `rows`, in version order. */
  lo: number;
  hi: number;
  rows: FeedHead[];
}

const versionOf = (row: FeedHead) => Number(row.version);

/**
 * A reader's feed rows already read, shared with the next reader of the same feed (issue 14:
 * when a commune's 25 phones catch up at once, each reads nearly the same 500 rows from a
 * slightly different cursor, and that SQLite read was the largest part of a catch-up page's
 * work on the server's one thread).
 *
 * Sound because the feed is append-only and prefix-closed: a committed version never changes,
 * and a reader that sees version v sees every version below it (one writer on SQLite; on
 * PostgreSQL the counter is held to the COMMIT — the gap-free cursor already rests on this).
 * So a read from `since` that returned rows up to version v has seen *every* row of that feed
 * in (since, v], now and forever: that range is kept, and a later pull from a cursor inside it
 * takes its rows from here and reads from the database only what lies above the range. The
 * page is then the one a single read at that moment would give. Keyed by the feed itself (the
 * reader's communes, or its author), never by request, so one scope's rows cannot reach another.
 */
export class FeedCache {
  private readonly feeds = new Map<string, Range>();
  private rows = 0;

  constructor(
    private readonly rowsPerFeed = DEFAULT_ROWS_PER_FEED,
    private readonly rowsInAll = DEFAULT_ROWS_IN_ALL,
  ) {}

  /**
   * Up to `want` rows of `feed` after `since`, and the version up to which they are complete
   * (`upTo`: the rows above it must be read); undefined when nothing kept covers `since`.
   */
  after(feed: string, since: number, want: number): { rows: FeedHead[]; upTo: number } | undefined {
    const range = this.feeds.get(feed);
    if (range === undefined || since < range.lo || since > range.hi) return undefined;
    // Most recently used last (Map keeps insertion order).
    this.feeds.delete(feed);
    this.feeds.set(feed, range);
    const first = firstAbove(range.rows, since);
    const rows = range.rows.slice(first, first + want);
    const complete = first + want >= range.rows.length;
    return { rows, upTo: complete ? range.hi : versionOf(rows.at(-1)!) };
  }

  /** `rows`: every row of `feed` in (since, last row's version], as one read gave them. */
  learn(feed: string, since: number, rows: readonly FeedHead[]): void {
    if (rows.length === 0) return;
    const hi = versionOf(rows.at(-1)!);
    const range = this.feeds.get(feed);
    let next: Range;
    if (range === undefined || since > range.hi || hi < range.lo) {
      // Apart from what is kept: keep the newer (a catch-up moves up the feed).
      if (range !== undefined && hi <= range.hi) return;
      next = { lo: since, hi, rows: [...rows] };
    } else if (since >= range.lo) {
      // The usual case: the read went on from inside the kept range; add what lies above it.
      const above = rows.slice(firstAbove(rows, range.hi));
      if (above.length === 0) return;
      next = { lo: range.lo, hi: Math.max(range.hi, hi), rows: range.rows.concat(above) };
    } else {
      next = { lo: since, hi: Math.max(range.hi, hi), rows: merged(range.rows, rows) };
    }
    this.store(feed, range, next);
  }

  /** Feeds and rows kept (tests). */
  get size(): { feeds: number; rows: number } {
    return { feeds: this.feeds.size, rows: this.rows };
  }

  private store(feed: string, before: Range | undefined, range: Range): void {
    // Too many rows: drop the oldest; the range then starts at the last row dropped.
    const over = range.rows.length - this.rowsPerFeed;
    if (over > 0) {
      range.lo = versionOf(range.rows[over - 1]!);
      range.rows = range.rows.slice(over);
    }
    this.rows += range.rows.length - (before?.rows.length ?? 0);
    this.feeds.delete(feed);
    this.feeds.set(feed, range);
    for (const [oldest, old] of this.feeds) {
      if (this.rows <= this.rowsInAll || oldest === feed) break;
      this.feeds.delete(oldest);
      this.rows -= old.rows.length;
    }
  }
}

/** Index of the first row above `version` (rows in version order). */
function firstAbove(rows: readonly FeedHead[], version: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (versionOf(rows[mid]!) <= version) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Two version-ordered lists as one, each version once. */
function merged(a: readonly FeedHead[], b: readonly FeedHead[]): FeedHead[] {
  const out: FeedHead[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const va = i < a.length ? versionOf(a[i]!) : Infinity;
    const vb = j < b.length ? versionOf(b[j]!) : Infinity;
    if (va <= vb) {
      out.push(a[i++]!);
      if (va === vb) j++;
    } else out.push(b[j++]!);
  }
  return out;
}
