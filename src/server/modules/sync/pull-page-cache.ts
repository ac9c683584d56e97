import { createHash } from 'node:crypto';

/** Compressed pages kept (~20 kB each compressed: ~1,600 pages). */
const DEFAULT_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Finished pull pages, compressed, by everything that decides their bytes, so a page many phones
 * ask for is read, written and compressed once and then sent without a query or a turn in the
 * work gate. Only pages that can never change are kept: a full page (more after it) without
 * `remaining` — its rows are committed versions between two cursors, and versions commit in
 * order, so no later version can fall inside it. The last page of a feed (it grows as pushes
 * commit) and a page with a count (the count grows) are never kept.
 *
 * The key holds the reader's scope as the server has just computed it for this request (the
 * communes, the author filter, the scope key) and the account the page carries: a page is only
 * ever served to a request whose own, freshly checked scope is the one it was read for.
 */
/** A kept page: its compressed bytes and the cursor it hands out. */
export interface KeptPage {
  compressed: Buffer;
  cursor: string;
}

export class PullPageCache {
  private readonly kept = new Map<string, KeptPage>();
  private bytes = 0;
  private counters = { hits: 0, stored: 0 };

  constructor(private readonly budget = DEFAULT_BUDGET_BYTES) {}

  /** The cache key of a page: a digest of its inputs, each part length-prefixed. */
  static keyOf(parts: readonly string[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(`${part.length}:${part}`);
    return hash.digest('base64');
  }

  get(key: string): KeptPage | undefined {
    const found = this.kept.get(key);
    if (found) {
      // Most recently sent last: Map keeps insertion order.
      this.kept.delete(key);
      this.kept.set(key, found);
      this.counters.hits += 1;
    }
    return found;
  }

  keep(key: string, page: KeptPage): void {
    const size = page.compressed.length;
    if (size > this.budget || this.kept.has(key)) return;
    this.kept.set(key, page);
    this.bytes += size;
    this.counters.stored += 1;
    for (const [oldest, old] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(oldest);
      this.bytes -= old.compressed.length;
    }
  }

  /** Pages kept, their bytes, pages served from here and pages stored (tests, logs). */
  get stats(): { entries: number; bytes: number; hits: number; stored: number } {
    return { entries: this.kept.size, bytes: this.bytes, ...this.counters };
  }
}
