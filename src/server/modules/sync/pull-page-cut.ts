/** Pages shorter than this keep every row: a cut only pays when many phones read long feeds. */
export const CUT_FROM_ROWS = 64;

/**
 * How many of a full page's rows to send (the page has more after it), so that readers of the
 * same feed from different cursors end their pages at the same version and from there on ask
 * for — and are sent — the same pages. Without it every phone's chain of pages is its own: 500
 * phones catching up from 500 cursors made ~900 distinct pages, each read and compressed for one
 * phone (docs/performance.md, session 11); with it, their chains meet after a page or two and
 * the pages after that are computed once and served from the page cache (pull-page-cache.ts).
 *
 * The page ends after its last row at or below the version in the second half of its span that
 * has the most trailing zero bits: a number the same for every window that contains it and no
 * "rounder" one, so overlapping windows mostly pick the same end. At least half the page is
 * kept, so a phone makes at most about twice as many requests. The cursor is still the last
 * version sent, as without the cut: nothing is skipped, and a cut page is only a shorter one.
 */
export function keptRows(versions: readonly number[]): number {
  const n = versions.length;
  if (n < CUT_FROM_ROWS) return n;
  const from = versions[Math.ceil(n / 2) - 1]!;
  const to = versions[n - 1]! - 1;
  if (to < from) return n;
  const end = roundest(from, to);
  // Rows at or below `end`: the versions ascend.
  let kept = n - 1;
  while (kept > 0 && versions[kept - 1]! > end) kept--;
  return kept;
}

/** The number in [from, to] (0 ≤ from ≤ to) with the most trailing zero bits (it is unique). */
export function roundest(from: number, to: number): number {
  // Clear low bits of `to` while the result stays ≥ from: the last one kept is the roundest.
  let step = 1;
  let best = to;
  while (step <= to) {
    const candidate = Math.floor(to / (step * 2)) * (step * 2);
    if (candidate < from) break;
    best = candidate;
    step *= 2;
  }
  return best;
}
