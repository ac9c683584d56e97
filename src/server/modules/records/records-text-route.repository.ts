import type { Kysely } from 'kysely';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import {
  afterKey,
  cappedCount,
  ftsQuery,
  matching,
  termRange,
  TRIGRAM,
  type Narrowed,
  type RecordsFilter,
  type TextPlan,
} from './records-filter.repository';

/**
 * SQLite: a text matching more index rows than this is found sooner by walking the records
 * newest first (the page fills within the first few thousand) than by sorting every match.
 */
const SELECTIVE_MATCHES = 20_000;
/** SQLite's covering index in the browser's order (migration 0033). */
const BROWSE_INDEX = 'activities_browse_idx';
/**
 * Rows of the browse index read in order cost about this many times less than one random read
 * of a wide `activities` row by its key (measured at 1,000,000: a whole walk ~1 s, 60,000 rows
 * by commune 3.6 s).
 */
const WALK_ROWS_PER_LOOKUP = 30;
/** A scope estimated under pageBudget / this many records is read by commune, not walked. */
const SMALL_SCOPE_FRACTION = 10;

/**
 * How SQLite finds the words when the newest rows do not fill the page: `walk` the browse index
 * to its end, ask the `trigram` index (FTS5: a phrase for words of 3+ letters, the vocabulary's
 * terms starting with a shorter word) for the few records with the words, or read the
 * `commune`s' rows by the commune index and sort them. All three check LIKE on every row.
 */
export type TextRoute = 'walk' | 'trigram' | 'commune';

/** SQLite's text-filter budget: index rows read newest first before choosing another route. */
export interface TextTuning {
  pageBudget: number;
  /** Fewer trigram matches than this: straight to the trigram index, no walk (0: never). */
  rareMatches: number;
  /** Tests: the route taken whenever a budget runs out (else chosen by estimated cost). */
  route?: TextRoute;
}

export const DEFAULT_TUNING: TextTuning = { pageBudget: 100_000, rareMatches: 2_000 };

export interface PageKey {
  id: string;
  date: string;
}

interface Chosen {
  route: TextRoute;
  match: string | null;
  prefix: string | null;
}

/**
 * SQLite with words: a plan that does not depend on how common they are. First walk the browse
 * index newest first for at most `pageBudget` rows, checking every filter and word on the index
 * row itself: common words fill the page within a few thousand rows. If the page is not full,
 * the words are rare where they are looked for: take the route with the lowest estimated cost
 * (trigram matches, the scope's rows, or the rest of the walk); the count takes the same route.
 * Whatever the route, LIKE decides, so the answer is the same. Page reads (the rows behind the
 * keys) stay in records.repository.ts.
 */
export class RecordsTextRoutes {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tuning: TextTuning = DEFAULT_TUNING,
  ) {}

  /** The page's keys in the browse order and, when asked, the count up to `countUpTo` + 1. */
  async find(
    filter: RecordsFilter,
    countUpTo: number | undefined,
  ): Promise<{ keys: PageKey[]; count: number | null }> {
    const text: TextPlan = { tokens: filter.tokens, match: null };
    let route: Chosen | undefined;
    // Words the trigram index holds for only a few records go straight there (a cheap probe).
    if (this.tuning.rareMatches > 0) {
      const probe = await this.trigramProbe(filter.tokens, this.tuning.rareMatches);
      // A word the index has nowhere is in no record (short ones included: migration 0036
      // indexes every position of every text, whatever its length).
      if (probe?.n === 0) return { keys: [], count: countUpTo === undefined ? null : 0 };
      if (probe && probe.n < this.tuning.rareMatches) route = { route: 'trigram', ...probe };
    }
    // A scope of a commune or two: reading its rows by the commune index costs less than the
    // walk's budget would (the walk then finds the page only for a very common word).
    if (route === undefined && filter.places !== null && !this.tuning.route) {
      const scopeRows = (await this.totalRecords()) * (filter.scopeShare ?? 1);
      if (scopeRows < this.tuning.pageBudget / SMALL_SCOPE_FRACTION) {
        route = { route: 'commune', match: null, prefix: null };
      }
    }
    let keys: PageKey[] = [];
    if (route === undefined) keys = await this.walkKeys(filter, text, this.tuning.pageBudget);
    if (route !== undefined || keys.length < filter.limit) {
      route ??= await this.fallbackRoute(filter);
      if (route.route === 'walk' && countUpTo !== undefined && !filter.after) {
        // The whole walk on a first page: it goes on to the count's cap in the same pass (the
        // count walked the same rows again: a district of the 2024 map searched with common
        // words read the 2025 map's 333,000 rows twice). Walking to the end, what it found
        // up to the cap is the count.
        const found = await this.walkKeys(filter, text, null, countUpTo + 1);
        return { keys: found.slice(0, filter.limit), count: found.length };
      }
      keys =
        route.route === 'walk'
          ? await this.walkKeys(filter, text, null)
          : await this.indexedKeys(filter, planOf(filter, route));
    }
    if (countUpTo === undefined) return { keys, count: null };
    // A page filled from the newest rows means the words are common where they are looked for:
    // the count walks too (stopping at the cap), or reads the scope's rows if fewer; asking the
    // trigram index how common they are would cost more than it saves.
    const chosen = route ?? (await this.fallbackRoute(filter, false));
    if (chosen.route === 'walk') {
      return { keys, count: await this.walkCount(filter, text, countUpTo + 1) };
    }
    return { keys, count: await cappedCount(this.db, filter, planOf(filter, chosen), countUpTo) };
  }

  /** The cheapest way to the rare matches (see TextRoute); a test may force one. */
  private async fallbackRoute(filter: RecordsFilter, trigram = true): Promise<Chosen> {
    const forced = this.tuning.route;
    const none = { match: null, prefix: null };
    if (forced === 'trigram') {
      const probe = await this.trigramProbe(filter.tokens, 1);
      if (probe) return { route: forced, match: probe.match, prefix: probe.prefix };
    }
    if (forced === 'commune' && filter.places !== null) return { route: forced, ...none };
    if (forced) return { route: 'walk', ...none };
    const costs: [Chosen, number][] = [];
    if (trigram) {
      const probe = await this.trigramProbe(filter.tokens, SELECTIVE_MATCHES);
      if (probe && probe.n < SELECTIVE_MATCHES)
        costs.push([{ route: 'trigram', ...probe }, probe.n]);
    }
    const total = await this.totalRecords();
    if (filter.places !== null) {
      costs.push([{ route: 'commune', ...none }, total * (filter.scopeShare ?? 1)]);
    }
    costs.push([{ route: 'walk', ...none }, total / WALK_ROWS_PER_LOOKUP]);
    return costs.sort((x, y) => x[1] - y[1])[0]![0];
  }

  /**
   * How the trigram index narrows the words, and how many index rows it finds, counted up to
   * `upTo`: the words of 3+ letters as phrases, else the rarest 1–2-letter word by the terms
   * that start with it. Undefined when it cannot narrow them (non-ASCII short words: the
   * tokenizer's case folding is only certain to agree with ours on ASCII).
   */
  private async trigramProbe(
    tokens: string[],
    upTo: number,
  ): Promise<{ match: string | null; prefix: string | null; n: number } | undefined> {
    const long = tokens.filter((t) => [...t].length >= TRIGRAM);
    let best: { match: string | null; prefix: string | null; n: number } | undefined;
    if (long.length > 0) {
      const match = ftsQuery(long);
      best = { match, prefix: null, n: await this.trigramMatches(match, upTo) };
    }
    const short = [
      ...new Set(tokens.filter((t) => [...t].length < TRIGRAM && /^[\x00-\x7f]+$/.test(t))),
    ];
    for (const word of short) {
      if (best && best.n === 0) break;
      const n = await this.termOccurrences(word, best ? Math.min(best.n, upTo) : upTo);
      if (!best || n < best.n) best = { match: null, prefix: word, n };
    }
    return best;
  }

  /** Every activity ever stored has a key (migration 0022): the largest is about how many exist. */
  private async totalRecords(): Promise<number> {
    const { rows } = await sql<{ n: number | null }>`select max(rid) as n
      from activity_search_keys`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  private async trigramMatches(match: string, upTo: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select rowid from activity_search where activity_search match ${match}
      limit ${upTo})`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Occurrences (not records: at least as many) of the index terms starting with a short word,
   * up to `upTo`; the vocabulary reads them one by one, so the cap bounds the cost.
   */
  private async termOccurrences(word: string, upTo: number): Promise<number> {
    const [low, high] = termRange(word);
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select 1 from activity_search_vocab where term >= ${low} and term <= ${high}
      limit ${upTo})`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The browse index's rows newest first after the keyset, within the date range, at most
   * `budget` of them (null: to the end), as `activities as a` with only the index's columns.
   */
  private walked(filter: RecordsFilter, budget: number | null): Narrowed {
    const after = filter.after
      ? sql`and (activity_date, id) < (${filter.after.date}, ${filter.after.id})`
      : sql``;
    const from = filter.from ? sql`and activity_date >= ${filter.from}` : sql``;
    const to = filter.to ? sql`and activity_date <= ${filter.to}` : sql``;
    const limit = budget === null ? sql`` : sql`limit ${budget}`;
    const rows = sql`(select id, activity_date, deleted, geography_id, commune_code, form, status,
        author_id, search_text
      from activities indexed by ${sql.raw(BROWSE_INDEX)}
      where deleted = 0 ${after} ${from} ${to}
      order by activity_date desc, id desc ${limit})`;
    return this.db.selectFrom(rows.as('a')) as unknown as Narrowed;
  }

  /** The first `upTo` matches of the walk (the page's keys first). */
  private async walkKeys(
    filter: RecordsFilter,
    text: TextPlan,
    budget: number | null,
    upTo = filter.limit,
  ): Promise<PageKey[]> {
    const rows = await matching(this.walked(filter, budget), filter, text)
      .select(['a.id', 'a.activity_date'])
      .orderBy('a.activity_date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(upTo)
      .execute();
    return rows.map((r) => ({ id: r.id, date: r.activity_date }));
  }

  private async walkCount(filter: RecordsFilter, text: TextPlan, cap: number): Promise<number> {
    const capped = matching(this.walked(filter, null), filter, text)
      .select(sql<number>`1`.as('one'))
      .limit(cap);
    const { n } = await this.db
      .selectFrom(capped.as('m'))
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** The page's keys through the trigram or commune index (the matches sorted, not walked). */
  private async indexedKeys(filter: RecordsFilter, text: TextPlan): Promise<PageKey[]> {
    let query = matching(
      this.db.selectFrom('activities as a').where('a.deleted', '=', 0),
      filter,
      text,
    );
    query = afterKey(query, filter.after);
    const rows = await query
      .select(['a.id', 'a.activity_date'])
      // Unary + keeps SQLite from walking the browse index for the order: this route is taken
      // because the walk would read too much.
      .orderBy(sql`+${sql.ref('a.activity_date')}`, 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({ id: r.id, date: r.activity_date }));
  }
}

const planOf = (filter: RecordsFilter, route: Chosen): TextPlan => ({
  tokens: filter.tokens,
  match: route.match,
  prefix: route.prefix,
});
