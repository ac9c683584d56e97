import Dexie from 'dexie';
import type { AppDb, ActivitySearchRow } from './app-db';

// The list and search screens filter the compact search rows in memory. Reading all 10,000 rows
// from IndexedDB takes about a second in Chromium (measured: getAll ≈ 0.7–1.4 s, Dexie's open
// ≈ 16 ms), far over the 200 ms a search may take, so:
// - the rows are read once per page load and then kept current: every write of the table bumps
//   a version in `meta` in the same transaction, and this tab's cache applies its own writes
//   when they commit. A write from another tab (or anything unexpected) shows up as a version
//   the cache did not see, and the rows are read again;
// - until that read is done, a page of results comes from walking the sortKey index newest
//   first and stopping after enough hits (≈ 0.1 s for a common word). The read goes in chunks
//   and waits between chunks while such a walk runs, so the two do not queue behind each other;
// - a query that matches nothing would walk every row, so a vocabulary (every word of every
//   search text, one string in `meta`) answers first whether each word of the query occurs at
//   all: one read of ~100–200 kB instead of 10,000 rows. It only grows (a superset is safe) and
//   is rebuilt from a full read of the rows when absent or made under another schema version.

const VERSION_KEY = 'searchVersion';
const VOCABULARY_KEY = 'searchVocabulary';
const CHUNK = 250;

/** Distinct words of the search texts, each followed by a newline, the whole preceded by one. */
interface Vocabulary {
  /** Dexie schema version it was made under: an upgrade may rewrite rows without updating it. */
  schema: number;
  words: string;
}

interface SearchCache {
  version: number;
  rows: Map<string, ActivitySearchRow>;
}

const caches = new WeakMap<AppDb, SearchCache>();
const loads = new WeakMap<AppDb, Promise<SearchCache>>();
const walks = new WeakMap<AppDb, Set<Promise<unknown>>>();

/**
 * Writes search rows inside the caller's rw transaction, which must include `activitySearch`
 * and `meta`. The in-memory index follows once the transaction commits.
 */
export async function putSearchRows(db: AppDb, rows: readonly ActivitySearchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.activitySearch.bulkPut([...rows]);
  await addToVocabulary(db, rows);
  await bumpVersion(db, (cache) => {
    for (const row of rows) cache.rows.set(row.id, row);
  });
}

/**
 * Removes the search rows of records that left the phone, inside the caller's rw transaction
 * (`activitySearch` and `meta`). The vocabulary keeps their words: a superset is safe.
 */
export async function removeSearchRows(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.activitySearch.bulkDelete([...ids]);
  await bumpVersion(db, (cache) => {
    for (const id of ids) cache.rows.delete(id);
  });
}

/**
 * Bumps the rows' version in the caller's transaction; when it commits, this tab's cache takes
 * the same change (`apply`) if it was current, and is dropped (read again) if it was not.
 */
async function bumpVersion(db: AppDb, apply: (cache: SearchCache) => void): Promise<void> {
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
    apply(cache);
    cache.version = next;
  });
}

/** Current search rows. Reads the version every time, so live queries re-run on any change. */
export async function searchRows(db: AppDb): Promise<Iterable<ActivitySearchRow>> {
  const version = await readVersion(db);
  const cache = caches.get(db);
  if (cache && cache.version === version) return cache.rows.values();
  // A load already under way may have started before the write we just saw: wait for a newer.
  let fresh = await loadOnce(db);
  while (fresh.version < version) fresh = await loadOnce(db);
  return fresh.rows.values();
}

/**
 * The newest `count` rows that `keep` accepts, newest first — or undefined when the in-memory
 * index is current (then filtering it with searchRows() is faster). Reads a snapshot of what is
 * committed, so it reflects every saved record, this tab's or another's.
 */
export async function newestMatches(
  db: AppDb,
  keep: (row: ActivitySearchRow) => boolean,
  count: number,
): Promise<ActivitySearchRow[] | undefined> {
  const version = await readVersion(db);
  const cache = caches.get(db);
  if (cache && cache.version === version) return undefined;
  const walk = db.activitySearch.orderBy('sortKey').reverse().filter(keep).limit(count).toArray();
  const running = walks.get(db) ?? new Set<Promise<unknown>>();
  walks.set(db, running);
  running.add(walk);
  void loadOnce(db).catch(() => undefined);
  try {
    return await walk;
  } finally {
    running.delete(walk);
  }
}

/**
 * Whether every one of `tokens` occurs in some stored search text — false means no row can
 * match, without reading them; undefined when the vocabulary is not there (yet).
 */
export async function tokensOccur(
  db: AppDb,
  tokens: readonly string[],
): Promise<boolean | undefined> {
  const vocabulary = usable(db, await db.meta.get(VOCABULARY_KEY));
  if (vocabulary === undefined) return undefined;
  // A token holds no whitespace, so it is inside one word exactly when it is in this string.
  return tokens.every((token) => vocabulary.words.includes(token));
}

function usable(db: AppDb, row: { value: unknown } | undefined): Vocabulary | undefined {
  const value = row?.value as Partial<Vocabulary> | undefined;
  return typeof value?.words === 'string' && value.schema === db.verno
    ? (value as Vocabulary)
    : undefined;
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

// In the caller's transaction; without a vocabulary nothing is added (the next full read of the
// rows builds it, from everything).
async function addToVocabulary(db: AppDb, rows: readonly ActivitySearchRow[]): Promise<void> {
  const vocabulary = usable(db, await db.meta.get(VOCABULARY_KEY));
  if (vocabulary === undefined) return;
  // One save: a few dozen string searches beat splitting the whole vocabulary into a set.
  const known =
    rows.length > 20
      ? new Set(vocabulary.words.split('\n'))
      : { has: (word: string) => vocabulary.words.includes(`\n${word}\n`) };
  const fresh = new Set<string>();
  for (const row of rows) {
    for (const word of wordsOf(row.text)) if (!known.has(word)) fresh.add(word);
  }
  const added = [...fresh].map((word) => `${word}\n`).join('');
  if (added === '') return;
  await db.meta.put({
    key: VOCABULARY_KEY,
    value: { schema: db.verno, words: vocabulary.words + added } satisfies Vocabulary,
  });
}

/** After a full read: makes the vocabulary if missing, unless a write came in since the read. */
async function buildVocabulary(db: AppDb, loaded: SearchCache): Promise<void> {
  if (usable(db, await db.meta.get(VOCABULARY_KEY)) !== undefined) return;
  const known = new Set<string>();
  for (const row of loaded.rows.values()) for (const word of wordsOf(row.text)) known.add(word);
  const words = `\n${[...known].map((w) => `${w}\n`).join('')}`;
  await db.transaction('rw', [db.meta], async () => {
    if ((await readVersion(db)) !== loaded.version) return;
    if (usable(db, await db.meta.get(VOCABULARY_KEY)) !== undefined) return;
    await db.meta.put({
      key: VOCABULARY_KEY,
      value: { schema: db.verno, words } satisfies Vocabulary,
    });
  });
}

/** Loads the index in the background right after sign-in, so the first search is quick too. */
export function warmSearchIndex(db: AppDb): void {
  void loadOnce(db).catch(() => undefined);
}

// One load at a time per database; callers arriving meanwhile share it.
function loadOnce(db: AppDb): Promise<SearchCache> {
  const pending = loads.get(db);
  if (pending) return pending;
  const load = loadAll(db)
    .then((fresh) => {
      const cache = caches.get(db);
      if (!cache || cache.version < fresh.version) caches.set(db, fresh);
      void buildVocabulary(db, fresh).catch(() => undefined);
      return fresh;
    })
    .finally(() => loads.delete(db));
  loads.set(db, load);
  return load;
}

// Chunks by primary key, each in its own read transaction with the version. Every write bumps
// the version, so equal versions across all chunks mean no write came in between; otherwise
// the rows are read again in one transaction (slower, but always consistent).
async function loadAll(db: AppDb): Promise<SearchCache> {
  const rows = new Map<string, ActivitySearchRow>();
  let version: number | undefined;
  let after = '';
  for (;;) {
    await yieldToWalks(db);
    const chunk = await db.transaction('r', [db.meta, db.activitySearch], async () => ({
      version: await readVersion(db),
      rows: await db.activitySearch.where(':id').above(after).limit(CHUNK).toArray(),
    }));
    if (version !== undefined && chunk.version !== version) return loadInOneTransaction(db);
    version = chunk.version;
    for (const r of chunk.rows) rows.set(r.id, r);
    if (chunk.rows.length < CHUNK) return { version, rows };
    after = chunk.rows[chunk.rows.length - 1]!.id;
  }
}

async function loadInOneTransaction(db: AppDb): Promise<SearchCache> {
  const loaded = await db.transaction('r', [db.meta, db.activitySearch], async () => ({
    version: await readVersion(db),
    rows: await db.activitySearch.toArray(),
  }));
  return { version: loaded.version, rows: new Map(loaded.rows.map((r) => [r.id, r])) };
}

async function yieldToWalks(db: AppDb): Promise<void> {
  const running = walks.get(db);
  while (running && running.size > 0) await Promise.allSettled([...running]);
}

async function readVersion(db: AppDb): Promise<number> {
  const row = await db.meta.get(VERSION_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}
