// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import {
  activityWriteTables,
  removeActivities,
  writeActivities,
  type ActivityWrite,
} from '../../src/client/db/local-activity-write';
import {
  countActivities,
  deleteActivity,
  listActivities,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { makeActivity } from './support/activity-fixtures';

// A page asked for right after a page load reads the search segments; once loaded, the same
// question is answered from memory. Both must give the same records: newest first, deleted
// ones left out, and follow writes of this tab and of others.

let db: AppDb;
let n = 0;
const STORED = 2_500;

beforeEach(() => {
  db = new AppDb(`search-index-test-${++n}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

interface Seeded {
  activity: Activity;
  title: string;
  deleted: boolean;
}

// Written in bulk through the one write path (saving one by one would take minutes here).
async function seed(again?: Seeded[]): Promise<Seeded[]> {
  const seeded: Seeded[] = again ?? [];
  for (let i = 0; !again && i < STORED; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const title = i < 5 ? `Hiếm gặp ${i}` : i % 3 === 0 ? `Đối thoại lần ${i}` : `Họp ${i}`;
    const activity = makeActivity('other', {
      title,
      date: `2025-${i < 1250 ? '01' : '02'}-${day}`,
    });
    seeded.push({ activity, title, deleted: i % 7 === 0 });
  }
  await db.transaction('rw', activityWriteTables(db), async () => {
    // In pages, as a first sync writes them.
    for (let i = 0; i < seeded.length; i += 1000) {
      await writeActivities(
        db,
        seeded.slice(i, i + 1000).map(({ activity, deleted }) => ({
          activity,
          state: { serverRev: 1, pendingMutations: 0, deleted: deleted ? 1 : 0 },
        })),
      );
    }
  });
  return seeded;
}

function expected(seeded: Seeded[], folded: RegExp): string[] {
  return seeded
    .filter((s) => !s.deleted && folded.test(s.title))
    .map((s) => ({ id: s.activity.id, key: `${s.activity.date}|${s.activity.id}` }))
    .sort((a, b) => (a.key < b.key ? 1 : -1))
    .map((s) => s.id);
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('search right after start and once the index is loaded', () => {
  it('gives the same page, newest first without deleted records', async () => {
    const seeded = await seed();
    const all = expected(seeded, /^Đối thoại/);
    expect(all.length).toBeGreaterThan(500);

    const afterStart = new AppDb(db.name); // as a freshly loaded page: nothing in memory yet
    const cold = await listActivities(afterStart, { query: 'doi thoai', limit: 50, offset: 10 });
    expect(ids(cold)).toEqual(all.slice(10, 60));
    // Only the five oldest match: the walk must go through the whole index to find them.
    const otherStart = new AppDb(db.name);
    const rare = await listActivities(otherStart, { query: 'hiem gap', limit: 3 });
    expect(ids(rare)).toEqual(expected(seeded, /^Hiếm gặp/).slice(0, 3));
    otherStart.close();

    expect(await countActivities(afterStart, { query: 'doi thoai' })).toBe(all.length);
    const warm = await listActivities(afterStart, { query: 'doi thoai', limit: 50, offset: 10 });
    expect(ids(warm)).toEqual(all.slice(10, 60));
    afterStart.close();
  });

  it('reflects writes of another tab made while this page was starting', async () => {
    const seeded = await seed();
    const afterStart = new AppDb(db.name);
    const newest = makeActivity('other', { title: 'Đối thoại mới nhất', date: '2025-03-01' });
    await saveActivity(db, newest); // another tab
    await deleteActivity(db, expected(seeded, /^Đối thoại/)[0]!);

    const page = await listActivities(afterStart, { query: 'doi thoai', limit: 2 });
    expect(ids(page)).toEqual([newest.id, expected(seeded, /^Đối thoại/)[1]]);
    expect(await countActivities(afterStart, { query: 'doi thoai' })).toBe(
      expected(seeded, /^Đối thoại/).length, // one added, one deleted
    );
    afterStart.close();
  });
});

describe('a query whose words occur nowhere', () => {
  // Dexie's own hook counts the search segments a query reads (our code is not replaced).
  function countReads(target: AppDb): { rows: number } {
    const reads = { rows: 0 };
    target.searchSegments.hook('reading', (segment) => {
      reads.rows += segment.rows.length;
      return segment;
    });
    return reads;
  }

  async function vocabularyReady(): Promise<void> {
    const loader = new AppDb(db.name);
    await countActivities(loader, { query: 'hop' }); // a full read, which builds the vocabulary
    await expect.poll(async () => (await db.meta.get('searchVocabulary')) !== undefined).toBe(true);
    loader.close();
  }

  it('answers "none" after a start without reading the rows, and still finds real words', async () => {
    const seeded = await seed();
    await vocabularyReady();

    const afterStart = new AppDb(db.name);
    const reads = countReads(afterStart);
    expect(await listActivities(afterStart, { query: 'khong co tu nay', limit: 50 })).toEqual([]);
    expect(await countActivities(afterStart, { query: 'xyzzy' })).toBe(0);
    // One word occurs, the other nowhere: still no row read.
    expect(await listActivities(afterStart, { query: 'doi qwerty', limit: 50 })).toEqual([]);
    expect(reads.rows).toBe(0);

    // Parts of words match as before, and the form's name still counts.
    const rare = await listActivities(afterStart, { query: 'iem ga', limit: 3 });
    expect(ids(rare)).toEqual(expected(seeded, /^Hiếm gặp/).slice(0, 3));
    expect(await countActivities(afterStart, { query: 'hoat dong khac hiem' })).toBe(
      expected(seeded, /^Hiếm gặp/).length,
    );
    afterStart.close();
  });

  it('follows later saves, from this tab or another, so a new word is found at once', async () => {
    await seed();
    await vocabularyReady();
    const otherTab = new AppDb(db.name);
    const fresh = makeActivity('other', {
      title: 'Tập huấn Zalo cho tổ trưởng',
      date: '2025-03-02',
    });
    await saveActivity(otherTab, fresh);
    otherTab.close();

    const afterStart = new AppDb(db.name);
    expect(ids(await listActivities(afterStart, { query: 'zalo', limit: 5 }))).toEqual([fresh.id]);
    afterStart.close();
  });

  it('keeps every new word of pulled pages, also after a page that did not commit', async () => {
    await seed();
    await vocabularyReady();
    const page = (word: string, date: string): ActivityWrite[] =>
      Array.from({ length: 25 }, (_, i) => ({
        activity: makeActivity('other', { title: `${word} số ${i}`, date }),
        state: { serverRev: 2, pendingMutations: 0, deleted: 0 },
      }));
    // A page whose transaction fails after its rows were written (a crash, a quota error).
    await expect(
      db.transaction('rw', activityWriteTables(db), async () => {
        await writeActivities(db, page('Gamma Rừng', '2025-03-05'));
        throw new Error('page not applied');
      }),
    ).rejects.toThrow('page not applied');
    // The next pages bring the same word and others, one after another as a first sync does.
    for (const word of ['Gamma Tràm', 'Delta Sậy']) {
      await db.transaction('rw', activityWriteTables(db), () =>
        writeActivities(db, page(word, '2025-03-06')),
      );
    }
    const words = ((await db.meta.get('searchVocabulary'))?.value as { words: string }).words;
    for (const word of ['gamma', 'tram', 'delta', 'say']) expect(words).toContain(`\n${word}\n`);
    expect(words).not.toContain('\nrung\n');
    const afterStart = new AppDb(db.name);
    expect(await countActivities(afterStart, { query: 'gamma' })).toBe(25);
    expect(await countActivities(afterStart, { query: 'delta say' })).toBe(25);
    afterStart.close();
  });

  it('is not trusted when made under another schema version (an upgrade may rewrite rows)', async () => {
    const seeded = await seed();
    await db.meta.put({ key: 'searchVocabulary', value: { schema: db.verno - 1, words: '\n' } });
    const afterStart = new AppDb(db.name);
    expect(await countActivities(afterStart, { query: 'hiem gap' })).toBe(
      expected(seeded, /^Hiếm gặp/).length,
    );
    afterStart.close();
  });
});

// The rows are stored as segments (search-segments.ts): a first sync's page is one value, a
// save joins the newest small segment, later entries replace earlier ones, and a reader
// rewrites the segments once dead entries pile up — the answers never change.
describe('search segments', () => {
  const segmentSizes = async (target: AppDb) =>
    (await target.searchSegments.toArray()).map((s) => s.rows.length + s.removed.length);

  it('stores a pulled page as one segment and lets saves join the newest small one', async () => {
    await seed();
    expect(await segmentSizes(db)).toEqual([1000, 1000, 500]);
    const first = makeActivity('other', { title: 'Họp chi bộ ấp', date: '2025-03-03' });
    const second = makeActivity('other', { title: 'Họp chi bộ ấp lần hai', date: '2025-03-04' });
    await saveActivity(db, first);
    await saveActivity(db, second);
    await saveActivity(db, { ...first, title: 'Họp chi bộ ấp (sửa)' } as Activity);
    // The newest segment (500) is too big to join: the saves start a small one and share it.
    expect(await segmentSizes(db)).toEqual([1000, 1000, 500, 2]);

    const afterStart = new AppDb(db.name);
    const found = await listActivities(afterStart, { query: 'chi bo ap', limit: 5 });
    expect(found.map((a) => [a.id, (a as { title?: string }).title])).toEqual([
      [second.id, 'Họp chi bộ ấp lần hai'],
      [first.id, 'Họp chi bộ ấp (sửa)'],
    ]);
    afterStart.close();
  });

  it('lets a later segment replace and remove what earlier ones hold', async () => {
    const seeded = await seed();
    const [kept, gone] = [seeded[1]!.activity, seeded[2]!.activity];
    await db.transaction('rw', activityWriteTables(db), async () => {
      await writeActivities(db, [
        {
          activity: { ...kept, title: 'Tên mới hẳn' } as Activity,
          state: { serverRev: 2, pendingMutations: 0, deleted: 0 },
        },
      ]);
      await removeActivities(db, [gone.id]);
    });
    const afterStart = new AppDb(db.name);
    expect(ids(await listActivities(afterStart, { query: 'ten moi han' }))).toEqual([kept.id]);
    expect(ids(await listActivities(afterStart, { query: `hop ${1}` }))).not.toContain(kept.id);
    const all = ids(await listActivities(afterStart, { limit: Infinity }));
    expect(all).not.toContain(gone.id);
    expect(await countActivities(afterStart)).toBe(seeded.filter((s) => !s.deleted).length - 1);
    afterStart.close();
  });

  it('is rewritten compactly by a reader once dead entries pile up, with the same answers', async () => {
    const seeded = await seed();
    await seed(seeded); // every record written twice more: two thirds of the entries are dead
    await seed(seeded);
    expect((await segmentSizes(db)).reduce((a, b) => a + b)).toBe(3 * STORED);
    const reader = new AppDb(db.name);
    const before = ids(await listActivities(reader, { query: 'doi thoai', limit: 100 }));
    expect(before).toEqual(expected(seeded, /^Đối thoại/).slice(0, 100));
    expect(await countActivities(reader, { query: 'doi thoai' })).toBe(
      expected(seeded, /^Đối thoại/).length,
    );
    await expect.poll(() => segmentSizes(db)).toEqual([1000, 1000, 500]);
    // Nothing changed for the rows: this tab's cache is still current, and a new page agrees.
    expect(ids(await listActivities(reader, { query: 'doi thoai', limit: 100 }))).toEqual(before);
    const afterStart = new AppDb(db.name);
    expect(ids(await listActivities(afterStart, { query: 'doi thoai', limit: 100 }))).toEqual(
      before,
    );
    afterStart.close();
    reader.close();
  });
});
