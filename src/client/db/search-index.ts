import Dexie from 'dexie';
import type { AppDb, ActivitySearchRow } from './app-db';

// The list and search screens filter the compact search rows in memory. Reading 10,000 rows
// from IndexedDB takes seconds on a slow phone, far over the 200 ms a search may take, so the
// rows are read once per page load and then kept current: every write of the table bumps a
// version in `meta` in the same transaction, and this tab's cache applies its own writes when
// they commit. A write from another tab (or anything unexpected) shows up as a version the
// cache did not see, and the rows are read again.

const VERSION_KEY = 'searchVersion';

interface SearchCache {
  version: number;
  rows: Map<string, ActivitySearchRow>;
}

const caches = new WeakMap<AppDb, SearchCache>();

/**
 * Writes search rows inside the caller's rw transaction, which must include `activitySearch`
 * and `meta`. The in-memory index follows once the transaction commits.
 */
export async function putSearchRows(db: AppDb, rows: readonly ActivitySearchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.activitySearch.bulkPut([...rows]);
  const previous = await readVersion(db);
  const next = previous + 1;
  await db.meta.put({ key: VERSION_KEY, value: next });
  const transaction = Dexie.currentTransaction;
  if (!transaction) {
    caches.delete(db);
    return;
  }
  transaction.on('complete', () => {
    const cache = caches.get(db);
    if (!cache) return;
    if (cache.version !== previous) {
      caches.delete(db);
      return;
    }
    for (const row of rows) cache.rows.set(row.id, row);
    cache.version = next;
  });
}

/** Current search rows. Reads the version every time, so live queries re-run on any change. */
export async function searchRows(db: AppDb): Promise<Iterable<ActivitySearchRow>> {
  const version = await readVersion(db);
  const cache = caches.get(db);
  if (cache && cache.version === version) return cache.rows.values();
  const loaded = await db.transaction('r', [db.meta, db.activitySearch], async () => ({
    version: await readVersion(db),
    rows: await db.activitySearch.toArray(),
  }));
  const fresh: SearchCache = {
    version: loaded.version,
    rows: new Map(loaded.rows.map((r) => [r.id, r])),
  };
  caches.set(db, fresh);
  return fresh.rows.values();
}

/** Loads the index in the background right after sign-in, so the first search is quick too. */
export function warmSearchIndex(db: AppDb): void {
  void searchRows(db).catch(() => undefined);
}

async function readVersion(db: AppDb): Promise<number> {
  const row = await db.meta.get(VERSION_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}
