import type { FeedHead } from './sync.repository';
import { changeJson, isHidden } from './pull-page-json';

/** Bytes of change JSON kept: ~60,000 recent versions of ~1 kB, a province's busy weeks. */
const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * Each version's change JSON, as UTF-8 bytes, written once and kept for the next readers. When a
 * commune's phones sync they pull the same versions one after the other (25 phones: each version
 * 25 times); without this every pull read each record's stored JSON from the database into a
 * string and encoded it again. A committed version never changes (the history is append-only,
 * and a reader sees only committed versions), so an entry is never stale; the oldest-used go
 * first when the budget is full. Tombstones and deletes carry no record: written each time.
 */
export class ChangeFragments {
  private readonly kept = new Map<number, Buffer>();
  private bytes = 0;

  constructor(private readonly budget = DEFAULT_BUDGET_BYTES) {}

  async of(
    rows: readonly FeedHead[],
    visibleUnits: Set<string> | null,
    load: (versions: number[]) => Promise<Map<number, string | null>>,
  ): Promise<Buffer[]> {
    const out: (Buffer | undefined)[] = new Array(rows.length);
    const missing: number[] = [];
    for (const [i, row] of rows.entries()) {
      const hidden = isHidden(row, visibleUnits);
      if (hidden || row.op === 'delete') {
        out[i] = Buffer.from(changeJson(row, null, hidden), 'utf8');
        continue;
      }
      const version = Number(row.version);
      const found = this.kept.get(version);
      if (found) {
        // Most recently used last: Map keeps insertion order.
        this.kept.delete(version);
        this.kept.set(version, found);
        out[i] = found;
      } else missing.push(i);
    }
    if (missing.length > 0) {
      const data = await load(missing.map((i) => Number(rows[i]!.version)));
      for (const i of missing) {
        const row = rows[i]!;
        const version = Number(row.version);
        // A version the reader has just seen is committed, and a committed one is never removed.
        if (!data.has(version)) throw new Error(`change ${version} vanished`);
        const bytes = Buffer.from(changeJson(row, data.get(version)!, false), 'utf8');
        out[i] = bytes;
        this.keep(version, bytes);
      }
    }
    return out as Buffer[];
  }

  /** Entries and bytes kept (tests). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.kept.size, bytes: this.bytes };
  }

  private keep(version: number, bytes: Buffer): void {
    if (bytes.length > this.budget || this.kept.has(version)) return;
    this.kept.set(version, bytes);
    this.bytes += bytes.length;
    for (const [oldest, old] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(oldest);
      this.bytes -= old.length;
    }
  }
}
