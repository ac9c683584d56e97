import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { openDatabase, type Database } from '../../src/server/db/database';
import { sql } from '../../src/server/db/kysely-runtime';
import { RecordsRepository } from '../../src/server/modules/records/records.repository';
import type { RecordsFilter } from '../../src/server/modules/records/records-filter.repository';
import type {
  TextRoute,
  TextTuning,
} from '../../src/server/modules/records/records-text-route.repository';
import {
  PostgresShortWords,
  shortWordArms,
  type ShortWordTuning,
} from '../../src/server/modules/records/records-short-word.repository';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { recordSearchText } from '../../src/shared/records/record-search-text';
import { matchesTokens, searchTokens } from '../../src/shared/text/fold-diacritics';
import { talk, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type TestServer } from './support/test-server';

// SQLite's text filter walks the covering browse index newest first within a row budget, then,
// if the page is not full, takes the trigram index, the commune index or the rest of the walk
// (RecordsRepository.walkFirst; migration 0033). Which route runs depends on how common the words
// are at 1,000,000 records, so here each route is forced with tiny budgets over a few hundred
// records: every route, budget, scope and word must give exactly the old LIKE answer — the same
// records in the same newest-first order, page after page, and the same capped count.

const TOPICS = [
  'Đối thoại chính sách với hộ nghèo',
  'Tập huấn cán bộ giảm nghèo',
  'Sinh hoạt chuyên đề vay vốn',
  'Xâm nhập mặn ở ấp Tà Lơn',
  'Phát tờ rơi 100% hộ nghèo_biết',
];
const COMMUNES = ['30733', '30736', '30769'];
const QUERIES = [
  ...['doi thoai', 'ngheo', 'xam nhap man', 'ta lon', 'ap 3', 'ho', 'zq', '100%', '_'],
  // 1–2 letters (migration 0036: the vocabulary's terms starting with them), rare and common,
  // at a text's end, in texts of 1–2 characters, absent.
  ...['xq', 'k', 'q', 'qz', 'xq ho', 'a', 'j', 'zq ap'],
  // PostgreSQL's route (records-short-word.repository.ts): after punctuation, digits, non-ASCII
  // letters and signs, at a text's start and end, common ones ("ng", "n", "ap").
  ...['w', 'wv', 'y', 'yy', 'f', 'fv', 'v', 'ng', 'n', '3', '9x', 'ap', 'h ng', 'vw', 'ß', '|'],
];
/**
 * Texts set in the search column itself: shorter than a trigram, ending in the short word, the
 * word after punctuation, a digit, a non-ASCII letter or sign, or an upper-case letter.
 */
const SHORT_TEXTS = [
  ...['xq', 'k', 'hop dan xq', 'xqz hop', 'q'],
  ...['w', 'wv', '(wv)', 'a_wv|', 'ßwv', '“wv”', 'éy', 'ấp yy…', 'Xyy', '9x', 'ap 9x3', '—f'],
  ...['zfv', 'ßzfv', 'ß-v', 'ö v', 'ßßv', 'v', 'Zv ', '3vw', '…vw', 'ßvw', 'vwß'],
];
const ROUTES: TextRoute[] = ['walk', 'trigram', 'commune'];
const BUDGETS = [1, 7, 100_000];

const DEFAULT_TEXT_TUNING: TextTuning = { pageBudget: 100_000, rareMatches: 2_000 };

describe.each(DATABASE_KINDS)(
  'records text filter: every route answers as the LIKE scan (%s)',
  (kind) => {
    let server: TestServer;
    let database: Database;
    let stored: { id: string; date: string; geography: string; commune: string; text: string }[];
    const catalog = new GeographyCatalog(defaultGeographies());

    beforeAll(async () => {
      server = await startTestServer(kind);
      const province = await server.officer('province', '91', 'Lâm Thị Hoa');
      const records: Activity[] = Array.from({ length: 150 }, (_, i) =>
        talk(province.user, COMMUNES[i % 3]!, {
          // Rare words only now and then, and dates out of insertion order.
          topic: i % 17 === 0 ? TOPICS[3]! : TOPICS[(i * 7) % 5 === 3 ? 0 : (i * 7) % 5]!,
          place: `Nhà văn hóa ấp ${i % 4}`,
          date: `2025-0${1 + ((i * 5) % 6)}-${String(1 + ((i * 13) % 28)).padStart(2, '0')}`,
        }),
      );
      // District 899 of the 2024 map also holds a commune of the 2025 map (30742 through the
      // mapping): records there, after the switch, make a unit's page merge two geographies.
      records.push(
        ...Array.from({ length: 12 }, (_, i) =>
          talk(province.user, '30742', {
            geographyId: AN_GIANG_2025,
            topic: i % 3 === 0 ? TOPICS[3]! : TOPICS[i % 3]!,
            place: `Nhà văn hóa ấp ${i % 4}`,
            date: `2025-0${7 + (i % 3)}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
          }),
        ),
      );
      const results = await province.push(records.map((r) => upsert(r)));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      database = openDatabase(server.database.config);
      const { rows } = await sql<{ id: string; data: string }>`select a.id, c.data from activities a
      join changes c on c.version = a.rev where a.deleted = 0`.execute(database.db);
      stored = rows.map((r) => {
        const a = JSON.parse(r.data) as Activity;
        return {
          id: a.id,
          date: a.date,
          geography: a.geographyId,
          commune: a.communeCode,
          text: recordSearchText(a),
        };
      });
      expect(stored).toHaveLength(162);
      // The rule is about the column, whatever wrote it: a few texts under 3 characters (the SQLite
      // triggers re-index them as a push would).
      for (const [i, text] of SHORT_TEXTS.entries()) {
        const row = stored[i * 5 + 1]!;
        await sql`update activities set search_text = ${text} where id = ${row.id}`.execute(
          database.db,
        );
        row.text = text;
      }
    }, 120_000);
    afterAll(async () => {
      await database?.close();
      await server?.close();
    });

    const placesOf = (unit: string | null) => {
      if (unit === null) return null;
      const places = new Map<string, string[]>();
      for (const ref of catalog.communesWithin({ geographyId: KIEN_GIANG_2024, code: unit })) {
        places.set(ref.geographyId, [...(places.get(ref.geographyId) ?? []), ref.code]);
      }
      return places;
    };

    /** The old rule, in the browser's order (newest first, then id). */
    function expected(unit: string | null, q: string): string[] {
      const places = placesOf(unit);
      const tokens = searchTokens(q);
      return stored
        .filter((r) => places === null || (places.get(r.geography) ?? []).includes(r.commune))
        .filter((r) => matchesTokens(r.text, tokens))
        .sort((x, y) => (x.date === y.date ? y.id.localeCompare(x.id) : y.date < x.date ? -1 : 1))
        .map((r) => r.id);
    }

    async function pages(
      tuning: TextTuning,
      unit: string | null,
      q: string,
      shortWords?: ShortWordTuning,
    ) {
      const repository = new RecordsRepository(database.reader, kind, tuning, shortWords);
      const filter: RecordsFilter = {
        places: placesOf(unit),
        scopeShare: unit === null ? 1 : 0.01,
        tokens: searchTokens(q),
        limit: 4,
      };
      const ids: string[] = [];
      const first = await repository.search(filter, 20);
      let rows = first.rows;
      for (;;) {
        ids.push(...rows.map((r) => r.id));
        if (rows.length < filter.limit) break;
        const last = rows.at(-1)!;
        rows = (
          await repository.search({ ...filter, after: { date: last.activity_date, id: last.id } })
        ).rows;
      }
      return { ids, count: first.count };
    }

    it('gives the same records, order and count by every route, budget and scope', async () => {
      let compared = 0;
      // SQLite's routes and budgets; PostgreSQL ignores them (its own route: the test below).
      const routes = kind === 'sqlite' ? ROUTES : ROUTES.slice(0, 1);
      const budgets = kind === 'sqlite' ? BUDGETS : BUDGETS.slice(-1);
      for (const route of routes) {
        for (const pageBudget of budgets) {
          for (const unit of [null, '899', '30733']) {
            for (const q of QUERIES) {
              const want = expected(unit, q);
              const got = await pages({ pageBudget, rareMatches: 0, route }, unit, q);
              const label = `${route}, budget ${pageBudget}, unit ${unit}, "${q}"`;
              expect(got.ids, label).toEqual(want);
              expect(got.count, label).toBe(Math.min(want.length, 21));
              compared++;
            }
          }
        }
      }
      // The fixture has common, rare, short and absent words in each scope.
      expect(expected(null, 'ngheo').length).toBeGreaterThan(20);
      expect(expected('30733', 'xam nhap man').length).toBeGreaterThan(0);
      expect(expected(null, 'zq')).toEqual([]);
      expect(expected(null, 'xq')).toHaveLength(3);
      expect(expected(null, 'k')).toHaveLength(1);
      expect(expected(null, 'wv')).toHaveLength(5);
      expect(expected(null, 'f')).toHaveLength(3);
      expect(expected(null, 'a').length).toBeGreaterThan(20);
      expect(compared).toBe(routes.length * budgets.length * 3 * QUERIES.length);
    }, 120_000);

    it('chooses its own route (cost estimates and the rare-word probe) with the same answers', async () => {
      for (const tuning of [
        { pageBudget: 100_000, rareMatches: 2_000 },
        { pageBudget: 3, rareMatches: 2_000 },
        { pageBudget: 3, rareMatches: 0 },
      ]) {
        for (const unit of [null, '899', '30733']) {
          for (const q of QUERIES) {
            const got = await pages(tuning, unit, q);
            expect(got.ids, `${JSON.stringify(tuning)} ${unit} "${q}"`).toEqual(expected(unit, q));
          }
        }
      }
    }, 120_000);

    it.runIf(kind === 'postgres')(
      'PostgreSQL finds a lone short word through the trigram and partial indexes, as LIKE does',
      async () => {
        const shortOnly = QUERIES.filter((q) => searchTokens(q).every((t) => t.length < 3));
        let routed = 0;
        for (const sample of [0, 1, 3]) {
          for (const unit of [null, '899', '30733']) {
            for (const q of shortOnly) {
              const tokens = searchTokens(q);
              const label = `sample ${sample}, unit ${unit}, "${q}"`;
              const want = expected(unit, q);
              const words = new PostgresShortWords(database.reader, {
                sample,
                candidates: 1_000,
              });
              const filter: RecordsFilter = { places: placesOf(unit), tokens, limit: 4 };
              const ids: string[] = [];
              let count: number | null = null;
              for (let after: RecordsFilter['after']; ;) {
                const found = await words.find({ ...filter, after }, after ? undefined : 20);
                if (!tokens.some((t) => shortWordArms(t))) {
                  expect(found, label).toBeUndefined();
                  break;
                }
                expect(found, label).toBeDefined();
                count ??= found!.count;
                ids.push(...found!.keys.map((k) => k.id));
                if (found!.keys.length < filter.limit) break;
                after = found!.keys.at(-1)!;
              }
              if (!tokens.some((t) => shortWordArms(t))) continue;
              expect(ids, label).toEqual(want);
              expect(count, label).toBe(Math.min(want.length, 21));
              routed++;
            }
          }
        }
        expect(routed).toBe(
          3 * 3 * shortOnly.filter((q) => searchTokens(q).some(shortWordArms)).length,
        );
        // Too many matches for the route's cap: the caller reads as before, with the same answer.
        const tooMany = await new PostgresShortWords(database.reader, {
          sample: 0,
          candidates: 5,
        }).find({ places: null, tokens: ['a'], limit: 4 }, 20);
        expect(tooMany).toBeUndefined();
        for (const q of ['a', 'v', 'wv', 'ng']) {
          const got = await pages(DEFAULT_TEXT_TUNING, null, q, { sample: 1, candidates: 5 });
          expect(got.ids, q).toEqual(expected(null, q));
        }
        // Words the estimate finds common (here: any in the sample) read as before — within a
        // unit by a walk of each of its geographies, merged (district 899 has records of both
        // maps) — with the same records, order, keyset pages and count.
        const common = { sample: 1_000, candidates: 0 };
        let walked = 0;
        for (const unit of [null, '899', '30733']) {
          for (const q of shortOnly) {
            const want = expected(unit, q);
            const filter = { places: placesOf(unit), tokens: searchTokens(q), limit: 4 };
            const found = await new PostgresShortWords(database.reader, common).find(filter, 20);
            if (expected(null, q).length > 0) expect(found, q).toBeUndefined();
            const got = await pages(DEFAULT_TEXT_TUNING, unit, q, common);
            expect(got.ids, `common, unit ${unit}, "${q}"`).toEqual(want);
            expect(got.count, `common, unit ${unit}, "${q}"`).toBe(Math.min(want.length, 21));
            if (unit === '899' && want.length > 4) walked++;
          }
        }
        expect(walked).toBeGreaterThan(3);
        expect(
          expected('899', 'ap 3').some(
            (id) => stored.find((r) => r.id === id)!.geography === AN_GIANG_2025,
          ),
        ).toBe(true);
      },
      120_000,
    );

    it.runIf(kind === 'postgres')(
      "PostgreSQL's route reads the indexes, never the whole table or GIN index",
      async () => {
        const words = new PostgresShortWords(database.reader, { sample: 0, candidates: 50 });
        for (const q of ['zq', 'j', 'q', 'wv', 'y', '9x']) {
          const plan = await words.explain({ places: null, tokens: searchTokens(q), limit: 4 });
          expect(plan, q).toContain('activities_search_joined_idx');
          expect(plan, q).toContain('activities_search_trgm_idx');
          expect(plan, q).not.toMatch(/Seq Scan/);
          // Each regex's bitmap holds only texts with its trigrams (a whole-index read: all 150;
          // none at all for a word no text has).
          const scanned = [
            ...plan.matchAll(
              /Bitmap Index Scan on activities_search_trgm_idx \(actual rows=(\d+)/g,
            ),
          ].map((m) => Number(m[1]));
          expect(scanned.length, q).toBeGreaterThan(1);
          expect(Math.max(...scanned), q).toBeLessThanOrEqual(
            expected(null, q).length === 0 ? 0 : 100,
          );
        }
      },
    );

    it.runIf(kind === 'sqlite')(
      'indexes every position of every text, short ones too',
      async () => {
        // A short word's records are those of the index terms that start with it (migration 0036).
        const docs = async (word: string) => {
          const { rows } = await sql<{
            id: string;
          }>`select distinct k.id from activity_search_vocab v
        join activity_search_keys k on k.rid = v.doc
        where v.term >= ${word} and v.term <= ${word + '\u{10FFFF}'.repeat(3 - word.length)}`.execute(
            database.db,
          );
          return rows.map((r) => r.id).sort();
        };
        const like = (word: string) =>
          stored
            .filter((r) => r.text.includes(word))
            .map((r) => r.id)
            .sort();
        for (const word of ['xq', 'k', 'q', 'qz', 'j', 'zq', 'ta', '_']) {
          expect(await docs(word), word).toEqual(like(word));
        }
      },
    );

    it.runIf(kind === 'sqlite')(
      'the migration replaced the date index by the covering browse index',
      async () => {
        const { rows } = await sql<{ name: string }>`select name from sqlite_master
      where type = 'index' and tbl_name = 'activities'`.execute(database.db);
        const names = rows.map((r) => r.name);
        expect(names).toContain('activities_browse_idx');
        expect(names).not.toContain('activities_date_idx');
      },
    );
  },
);
