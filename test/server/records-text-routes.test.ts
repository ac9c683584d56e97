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
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
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
];
/** Texts set in the search column itself: shorter than a trigram, or ending in the short word. */
const SHORT_TEXTS = ['xq', 'k', 'hop dan xq', 'xqz hop', 'q'];
const ROUTES: TextRoute[] = ['walk', 'trigram', 'commune'];
const BUDGETS = [1, 7, 100_000];

describe.each(DATABASE_KINDS)(
  'records text filter: every route answers as the LIKE scan (%s)',
  (kind) => {
    let server: TestServer;
    let database: Database;
    let stored: { id: string; date: string; commune: string; text: string }[];
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
      const results = await province.push(records.map((r) => upsert(r)));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      database = openDatabase(server.database.config);
      const { rows } = await sql<{ id: string; data: string }>`select a.id, c.data from activities a
      join changes c on c.version = a.rev where a.deleted = 0`.execute(database.db);
      stored = rows.map((r) => {
        const a = JSON.parse(r.data) as Activity;
        return { id: a.id, date: a.date, commune: a.communeCode, text: recordSearchText(a) };
      });
      expect(stored).toHaveLength(150);
      // The rule is about the column, whatever wrote it: a few texts under 3 characters (the SQLite
      // triggers re-index them as a push would).
      for (const [i, text] of SHORT_TEXTS.entries()) {
        const row = stored[i * 29]!;
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
      const communes = unit === null ? null : (placesOf(unit)!.get(KIEN_GIANG_2024) ?? []);
      const tokens = searchTokens(q);
      return stored
        .filter((r) => communes === null || communes.includes(r.commune))
        .filter((r) => matchesTokens(r.text, tokens))
        .sort((x, y) => (x.date === y.date ? y.id.localeCompare(x.id) : y.date < x.date ? -1 : 1))
        .map((r) => r.id);
    }

    async function pages(tuning: TextTuning, unit: string | null, q: string) {
      const repository = new RecordsRepository(database.reader, kind, tuning);
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
      for (const route of ROUTES) {
        for (const pageBudget of BUDGETS) {
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
      expect(expected(null, 'a').length).toBeGreaterThan(20);
      expect(compared).toBe(ROUTES.length * BUDGETS.length * 3 * QUERIES.length);
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
