import Dexie from 'dexie';
import type { AppDb, ActivitySearchRow, SearchSegment } from './app-db';
import {
  APPEND_LIMIT,
  entriesOf,
  mergeSegments,
  segmentWith,
  segmentsOf,
  worthCompacting,
} from './search-segments';

// The list and search screens filter the compact search rows in memory:
// - they are stored as segments of many rows (search-segments.ts), so reading all 10,000 is a
//   handful of values, not 10,000 rows (reading a row each took 0.7–1.4 s in Chromium);
// - they are read once per page load and then kept current: every write bumps a version in
//   `meta` in the same transaction, and this tab's cache applies its own writes when they
//   commit. A write from another tab (or anything unexpected) shows up as a version the cache
//   did not see, and the segments are read again;
// - a query that matches nothing would still need every row, so a vocabulary (every word of
//   every search text, one string in `meta`) answers first whether each word of the query
//   occurs at all. It only grows (a superset is safe) and is rebuilt from a full read of the
//   rows when absent or made under another schema version.

const VERSION_KEY = 'searchVersion';
const VOCABULARY_KEY = 'searchVocabulary';

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

/**
 * Writes search rows inside the caller's rw transaction, which must include `searchSegments`
 * and `meta`. The in-memory index follows once the transaction commits.
 */
export async function putSearchRows(db: AppDb, rows: readonly ActivitySearchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await writeSegment(db, rows, []);
  await addToVocabulary(db, rows);
  await bumpVersion(db, (cache) => {
    for (const row of rows) cache.rows.set(row.id, row);
  });
}

/**
 * Removes the search rows of records that left the phone, inside the caller's rw transaction
 * (`searchSegments` and `meta`). The vocabulary keeps their words: a superset is safe.
 */
export async function removeSearchRows(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await writeSegment(db, [], ids);
  await bumpVersion(db, (cache) => {
    for (const id of ids) cache.rows.delete(id);
  });
}

// A small write joins the newest segment while it stays small (one value rewritten, not a new
// one per save); a pulled page becomes a segment of its own. Only keys are read to find the
// newest, and its value only when the write may join it.
async function writeSegment(
  db: AppDb,
  rows: readonly ActivitySearchRow[],
  removed: readonly string[],
): Promise<void> {
  const newest = (await db.searchSegments.toCollection().lastKey()) as number | undefined;
  const size = rows.length + removed.length;
  if (newest !== undefined && size < APPEND_LIMIT) {
    const last = await db.searchSegments.get(newest);
    if (last && entriesOf(last) + size <= APPEND_LIMIT) {
      await db.searchSegments.put(segmentWith(newest, last, rows, removed));
      return;
    }
  }
  await db.searchSegments.add(segmentWith((newest ?? 0) + 1, undefined, rows, removed));
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

// The vocabulary as a set, kept for the next write: a first sync's every page split the whole
// (growing) vocabulary again. Always the words of exactly `words`, so it is used only while the
// stored vocabulary is that string (a write that did not commit, another tab: split afresh).
const vocabularySets = new WeakMap<AppDb, { words: string; set: Set<string> }>();

// In the caller's transaction; without a vocabulary nothing is added (the next full read of the
// rows builds it, from everything).
async function addToVocabulary(db: AppDb, rows: readonly ActivitySearchRow[]): Promise<void> {
  const vocabulary = usable(db, await db.meta.get(VOCABULARY_KEY));
  if (vocabulary === undefined) return;
  const cached = vocabularySets.get(db);
  // One save: a few dozen string searches beat splitting the whole vocabulary into a set.
  const set =
    cached?.words === vocabulary.words
      ? cached.set
      : rows.length > 20
        ? new Set(vocabulary.words.split('\n'))
        : undefined;
  const known = set ?? { has: (word: string) => vocabulary.words.includes(`\n${word}\n`) };
  const fresh = new Set<string>();
  for (const row of rows) {
    for (const word of wordsOf(row.text)) if (!known.has(word)) fresh.add(word);
  }
  const added = [...fresh].map((word) => `${word}\n`).join('');
  const words = vocabulary.words + added;
  if (added !== '') {
    await db.meta.put({
      key: VOCABULARY_KEY,
      value: { schema: db.verno, words } satisfies Vocabulary,
    });
  }
  if (set) {
    for (const word of fresh) set.add(word);
    vocabularySets.set(db, { words, set });
  }
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
    .then(({ fresh, segments }) => {
      const cache = caches.get(db);
      if (!cache || cache.version < fresh.version) caches.set(db, fresh);
      void buildVocabulary(db, fresh).catch(() => undefined);
      if (worthCompacting(segments, fresh.rows.size)) {
        void compact(db, fresh).catch(() => undefined);
      }
      return fresh;
    })
    .finally(() => loads.delete(db));
  loads.set(db, load);
  return load;
}

// Every segment and the version in one read transaction: a consistent snapshot.
async function loadAll(db: AppDb): Promise<{ fresh: SearchCache; segments: SearchSegment[] }> {
  return db.transaction('r', [db.meta, db.searchSegments], async () => {
    const version = await readVersion(db);
    const segments = await db.searchSegments.toArray();
    return { fresh: { version, rows: mergeSegments(segments) }, segments };
  });
}

// Rewrites the segments as the live rows alone, unless a write came in since they were read.
// The rows do not change, so neither does the version (every tab's cache stays right).
async function compact(db: AppDb, loaded: SearchCache): Promise<void> {
  await db.transaction('rw', [db.meta, db.searchSegments], async () => {
    if ((await readVersion(db)) !== loaded.version) return;
    await db.searchSegments.clear();
    await db.searchSegments.bulkAdd(segmentsOf(loaded.rows.values()));
  });
}

async function readVersion(db: AppDb): Promise<number> {
  const row = await db.meta.get(VERSION_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}
