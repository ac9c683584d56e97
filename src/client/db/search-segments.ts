import type { ActivitySearchRow, SearchSegment } from './app-db-schema';

// The list's search rows are stored as segments of many rows each, not a row per record: a new
// phone's first sync wrote 10,000 search rows with three index entries each beside the 10,000
// records, and IndexedDB's cost is per row (measured in Chromium: 10,000 rows put one by one
// ≈ 4.4 s, the same rows as ten values ≈ 0.8 s). A pulled page's rows become one new segment,
// in the page's transaction. Segments are a log: a later segment's row (or removal) replaces
// what earlier ones said of the same record; small writes (a save, a push answer) append to
// the newest segment while it is small. Reading all segments and merging them in order gives
// the current rows; when dead entries pile up the reader rewrites them compactly.

/** Rows per segment when the rows are written afresh (upgrade, compaction). */
export const SEGMENT_ROWS = 1000;
/** A write this small goes into the newest segment while that stays under this many entries. */
export const APPEND_LIMIT = 250;

/** The current rows: segments applied oldest first (each id is in a segment at most once). */
export function mergeSegments(segments: readonly SearchSegment[]): Map<string, ActivitySearchRow> {
  const rows = new Map<string, ActivitySearchRow>();
  for (const segment of segments) {
    for (const id of segment.removed) rows.delete(id);
    for (const row of segment.rows) rows.set(row.id, row);
  }
  return rows;
}

export const entriesOf = (segment: SearchSegment): number =>
  segment.rows.length + segment.removed.length;

/** A segment with these rows and removals on top of `base` (its own older entries dropped). */
export function segmentWith(
  seq: number,
  base: SearchSegment | undefined,
  rows: readonly ActivitySearchRow[],
  removed: readonly string[],
): SearchSegment {
  const latest = new Map<string, ActivitySearchRow | null>();
  for (const id of removed) latest.set(id, null);
  for (const row of rows) latest.set(row.id, row);
  const kept = (id: string) => !latest.has(id);
  const next: SearchSegment = {
    seq,
    rows: base ? base.rows.filter((r) => kept(r.id)) : [],
    removed: base ? base.removed.filter(kept) : [],
  };
  for (const [id, row] of latest) {
    if (row) next.rows.push(row);
    else next.removed.push(id);
  }
  return next;
}

/** Rows cut into fresh segments numbered from `firstSeq`. */
export function segmentsOf(rows: Iterable<ActivitySearchRow>, firstSeq = 1): SearchSegment[] {
  const segments: SearchSegment[] = [];
  let current: ActivitySearchRow[] = [];
  for (const row of rows) {
    current.push(row);
    if (current.length === SEGMENT_ROWS) {
      segments.push({ seq: firstSeq + segments.length, rows: current, removed: [] });
      current = [];
    }
  }
  if (current.length > 0) {
    segments.push({ seq: firstSeq + segments.length, rows: current, removed: [] });
  }
  return segments;
}

/**
 * Whether the segments hold enough dead entries or small segments to be worth rewriting:
 * more than twice the live rows, or many more segments than the live rows need.
 */
export function worthCompacting(segments: readonly SearchSegment[], live: number): boolean {
  const entries = segments.reduce((sum, s) => sum + entriesOf(s), 0);
  const needed = Math.ceil(live / SEGMENT_ROWS);
  return entries > 2 * live + APPEND_LIMIT || segments.length > needed + 16;
}
