import { openAppDb } from '../../src/client/db/app-db';
import { warmSearchIndex } from '../../src/client/db/search-index';
import {
  countActivities,
  listActivities,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { sampleActivity } from './sample-activities';

// Runs inside real Chromium (built by Vite like the app): the app's own saveActivity — schema
// validation, the activity + search row + outbox entry in one Dexie transaction — next to a raw
// IndexedDB put of the same object, both with 10,000 records already stored.

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]!, mean };
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('activities', { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawPut(db: IDBDatabase, values: object[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('activities', 'readwrite');
    const store = tx.objectStore('activities');
    for (const v of values) store.put(v);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

export interface SaveResult {
  /** The bench user's id: its database is opened again, cold, by measureSearch(). */
  userId: string;
  stored: number;
  seedSeconds: number;
  attendeesPerSavedRecord: number;
  save: Stats;
  rawPut: Stats;
}

export interface SearchResult {
  /** Per query: the first search after the page (re)loaded, then warm repeats. */
  search: Record<string, { cold: number; warm: Stats; hits: number; countWarm: Stats }>;
}

async function seedAndSave(opts: {
  stored: number;
  samples: number;
  attendees: number;
}): Promise<SaveResult> {
  const status = document.getElementById('status')!;
  const userId = `bench-${Date.now()}`;
  const db = openAppDb(userId);
  // As the app does at sign-in (app/signed-in.tsx): load the search index, which also makes the
  // search vocabulary that every later save keeps current.
  warmSearchIndex(db);
  const raw = await openRaw(`bench-raw-${Date.now()}`);

  // Seeded through the same save path, 50 saves in flight at a time (IndexedDB queues them).
  const seedStart = performance.now();
  for (let i = 0; i < opts.stored; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(i + 50, opts.stored); j++) {
      batch.push(saveActivity(db, sampleActivity(j, j % 10 === 0 ? 20 : 0)));
    }
    await Promise.all(batch);
    status.textContent = `seeded ${i}`;
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const rawSeed: object[] = [];
  for (let i = 0; i < opts.stored; i++) rawSeed.push(sampleActivity(i, i % 10 === 0 ? 20 : 0));
  for (let i = 0; i < rawSeed.length; i += 1000) await rawPut(raw, rawSeed.slice(i, i + 1000));

  // Alternate the two so that both see the same browser state (GC, disk cache) over the run.
  const saveTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    const activity = sampleActivity(opts.stored + i, opts.attendees);
    let t = performance.now();
    await saveActivity(db, activity);
    saveTimes.push(performance.now() - t);
    const same = sampleActivity(opts.stored + i, opts.attendees);
    t = performance.now();
    await rawPut(raw, [same]);
    rawTimes.push(performance.now() - t);
  }
  // The vocabulary is written after the index's background load; let it land before the reload.
  while (!(await db.meta.get('searchVocabulary'))) await new Promise((r) => setTimeout(r, 50));
  db.close();
  raw.close();
  status.textContent = 'saved';
  return {
    userId,
    stored: opts.stored,
    seedSeconds,
    attendeesPerSavedRecord: opts.attendees,
    save: stats(saveTimes),
    rawPut: stats(rawTimes),
  };
}

/** Run in a freshly loaded page: the first query pays for reading the store, as after app start. */
async function searchAfterReload(opts: { userId: string }): Promise<SearchResult> {
  const db = openAppDb(opts.userId);
  const search: SearchResult['search'] = {};
  for (const query of ['doi thoai', 'dang thi hoa', 'tom cang xanh', 'khong co tu nay']) {
    const listTimes: number[] = [];
    const countTimes: number[] = [];
    let hits = 0;
    for (let i = 0; i < 16; i++) {
      let t = performance.now();
      const page = await listActivities(db, { query, limit: 50 });
      listTimes.push(performance.now() - t);
      t = performance.now();
      hits = await countActivities(db, { query });
      countTimes.push(performance.now() - t);
      if (page.length === 0 && hits > 0)
        throw new Error(`search "${query}" counted but listed none`);
    }
    search[query] = {
      cold: listTimes[0]!,
      warm: stats(listTimes.slice(1)),
      hits,
      countWarm: stats(countTimes.slice(1)),
    };
  }
  db.close();
  return { search };
}

export interface FirstSearchResult {
  query: string;
  /** The list's first page and its count together, as the list screen asks, right after start. */
  firstMs: number;
  hits: number;
  /** Baseline, same page: reading every search row one by one (what the first search did before). */
  readAllRowsMs: number;
  rows: number;
}

/** Run in a freshly loaded page: the very first search after the start, one that matches nothing. */
async function firstSearchAfterReload(opts: {
  userId: string;
  query: string;
}): Promise<FirstSearchResult> {
  const db = openAppDb(opts.userId);
  const t = performance.now();
  const [page, hits] = await Promise.all([
    listActivities(db, { query: opts.query, limit: 50 }),
    countActivities(db, { query: opts.query }),
  ]);
  const firstMs = performance.now() - t;
  if (page.length !== Math.min(hits, 50)) throw new Error('list and count disagree');
  const t2 = performance.now();
  const rows = (await db.searchSegments.toArray()).reduce((n, s) => n + s.rows.length, 0);
  const readAllRowsMs = performance.now() - t2;
  db.close();
  return { query: opts.query, firstMs, hits, readAllRowsMs, rows };
}

declare global {
  interface Window {
    benchSeedAndSave: typeof seedAndSave;
    benchSearchAfterReload: typeof searchAfterReload;
    benchFirstSearchAfterReload: typeof firstSearchAfterReload;
  }
}
window.benchSeedAndSave = seedAndSave;
window.benchSearchAfterReload = searchAfterReload;
window.benchFirstSearchAfterReload = firstSearchAfterReload;
