import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DatabaseKind } from '../../db/database';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';

export interface RecordsFilter {
  /** Per geography, the commune codes to show; null: everything. */
  places: Map<string, string[]> | null;
  form?: string;
  status?: string;
  from?: string;
  to?: string;
  authorId?: string;
  /** Folded words that must all occur in the record's search text. */
  tokens: string[];
  /** About what share of all records `places` keeps (its communes over all communes): 1 if null. */
  scopeShare?: number;
  /** Keyset: the last row of the previous page (newest first). */
  after?: { date: string; id: string };
  limit: number;
}

export interface RecordRow {
  id: string;
  rev: number;
  activity_date: string;
  form: string;
  status: string;
  geography_id: string;
  commune_code: string;
  author_id: string;
  participants_total: number;
  updated_at: string;
  data: string | null;
}

const likeEscape = (token: string) => token.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Trigrams need 3 characters: a shorter word is only checked with LIKE. */
const TRIGRAM = 3;
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
 * to its end, ask the `trigram` index (FTS5) for the few records with the words, or read the
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

const DEFAULT_TUNING: TextTuning = { pageBudget: 100_000, rareMatches: 2_000 };

/**
 * The text filter, decided once per request. `match`: an FTS5 query whose rows are a superset of
 * the answer (SQLite, selective words); null: LIKE alone (PostgreSQL's planner picks the trigram
 * index or the date order itself; on SQLite common or short words).
 */
interface TextPlan {
  tokens: string[];
  match: string | null;
}

type Narrowed = SelectQueryBuilder<DB & { a: DB['activities'] }, 'a', object>;

/** Keyset paging: only rows after `after` in the browse order (date, then id, both descending). */
function afterKey<Q extends SelectQueryBuilder<DB & { a: DB['activities'] }, 'a' | any, any>>(
  query: Q,
  after: RecordsFilter['after'],
): Q {
  if (!after) return query;
  return query.where((eb) =>
    eb.or([
      eb('a.activity_date', '<', after.date),
      eb.and([eb('a.activity_date', '=', after.date), eb('a.id', '<', after.id)]),
    ]),
  ) as Q;
}

/** The records browser's reads: filtered, newest first, by keyset pages over (date, id). */
export class RecordsRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DatabaseKind,
    private readonly tuning: TextTuning = DEFAULT_TUNING,
  ) {}

  private base(db: Kysely<DB> = this.db) {
    return db
      .selectFrom('activities as a')
      .innerJoin('changes as c', 'c.version', 'a.rev')
      .select([
        'a.id',
        'a.rev',
        'a.activity_date',
        'a.form',
        'a.status',
        'a.geography_id',
        'a.commune_code',
        'a.author_id',
        'a.participants_total',
        'a.updated_at',
        'c.data',
      ])
      .where('a.deleted', '=', 0);
  }

  /**
   * Who recorded the live records matching `filter` (its author, words and keyset ignored), with
   * how many each, most first; counted in SQL. Names are the accounts' names now.
   */
  async authors(
    filter: Omit<RecordsFilter, 'tokens' | 'after' | 'limit' | 'authorId'>,
  ): Promise<{ authorId: string; authorName: string; count: number }[]> {
    if (filter.places !== null && ![...filter.places].some(([, codes]) => codes.length > 0)) {
      return [];
    }
    const counted = narrow(this.db.selectFrom('activities as a').where('a.deleted', '=', 0), filter)
      .select((eb) => ['a.author_id', eb.fn.countAll<number | string | bigint>().as('n')])
      .groupBy('a.author_id');
    const rows = await this.db
      .selectFrom(counted.as('t'))
      .leftJoin('users as u', 'u.id', 't.author_id')
      .select(['t.author_id', 't.n', 'u.display_name'])
      .orderBy('t.n', 'desc')
      .orderBy('u.display_name')
      .execute();
    return rows.map((r) => ({
      authorId: r.author_id,
      authorName: r.display_name ?? '',
      count: Number(r.n),
    }));
  }

  /**
   * One page and, when `countUpTo` is given, how many records match counted up to that many
   * plus one (so the caller knows whether there are more), never the whole million.
   */
  async search(
    filter: RecordsFilter,
    countUpTo?: number,
  ): Promise<{ rows: RecordRow[]; count: number | null }> {
    if (filter.places !== null && ![...filter.places].some(([, codes]) => codes.length > 0)) {
      return { rows: [], count: countUpTo === undefined ? null : 0 };
    }
    if (this.kind === 'sqlite' && filter.tokens.length > 0)
      return this.walkFirst(filter, countUpTo);
    const text = await this.textPlan(filter.tokens);
    const shortOnly = text.tokens.length > 0 && !text.tokens.some((t) => [...t].length >= TRIGRAM);
    if (this.kind === 'postgres' && shortOnly) {
      // pg_trgm cannot narrow a 1–2-character word, yet the planner reads its whole GIN index
      // for it (12.7 s at 1,000,000 rows vs 2 s for a scan): no bitmap scans (GIN has no other).
      return this.db.transaction().execute(async (trx) => {
        await sql`set local enable_bitmapscan = off`.execute(trx);
        return this.read(trx, filter, text, countUpTo);
      });
    }
    return this.read(this.db, filter, text, countUpTo);
  }

  private async read(
    db: Kysely<DB>,
    filter: RecordsFilter,
    text: TextPlan,
    countUpTo: number | undefined,
  ): Promise<{ rows: RecordRow[]; count: number | null }> {
    const rows = await this.page(db, filter, text);
    if (countUpTo === undefined) return { rows, count: null };
    return { rows, count: await this.cappedCount(db, filter, text, countUpTo) };
  }

  /**
   * SQLite with words: a plan that does not depend on how common they are. First walk the browse
   * index newest first for at most `pageBudget` rows, checking every filter and word on the
   * index row itself: common words fill the page within a few thousand rows. If the page is not
   * full, the words are rare where they are looked for: take the route with the lowest estimated
   * cost (trigram matches, the scope's rows, or the rest of the walk); the count takes the same
   * route. Whatever the route, LIKE decides, so the answer is the same.
   */
  private async walkFirst(
    filter: RecordsFilter,
    countUpTo: number | undefined,
  ): Promise<{ rows: RecordRow[]; count: number | null }> {
    const text: TextPlan = { tokens: filter.tokens, match: null };
    let route: { route: TextRoute; match: string | null } | undefined;
    // Words the trigram index holds for only a few records go straight there (a cheap probe).
    const long = filter.tokens.filter((t) => [...t].length >= TRIGRAM);
    if (long.length > 0 && this.tuning.rareMatches > 0) {
      const match = ftsQuery(long);
      const n = await this.trigramMatches(match, this.tuning.rareMatches);
      if (n < this.tuning.rareMatches) route = { route: 'trigram', match };
    }
    // A scope of a commune or two: reading its rows by the commune index costs less than the
    // walk's budget would (the walk then finds the page only for a very common word).
    if (route === undefined && filter.places !== null && !this.tuning.route) {
      const scopeRows = (await this.totalRecords()) * (filter.scopeShare ?? 1);
      if (scopeRows < this.tuning.pageBudget / SMALL_SCOPE_FRACTION) {
        route = { route: 'commune', match: null };
      }
    }
    let keys: PageKey[] = [];
    if (route === undefined) keys = await this.walkKeys(filter, text, this.tuning.pageBudget);
    if (route !== undefined || keys.length < filter.limit) {
      route ??= await this.fallbackRoute(filter);
      keys =
        route.route === 'walk'
          ? await this.walkKeys(filter, text, null)
          : await this.indexedKeys(filter, { tokens: filter.tokens, match: route.match });
    }
    const rows = await this.rowsOf(keys);
    if (countUpTo === undefined) return { rows, count: null };
    // A page filled from the newest rows means the words are common where they are looked for:
    // the count walks too (stopping at the cap), or reads the scope's rows if fewer; asking the
    // trigram index how common they are would cost more than it saves.
    const chosen = route ?? (await this.fallbackRoute(filter, false));
    if (chosen.route === 'walk') {
      return { rows, count: await this.walkCount(filter, text, countUpTo + 1) };
    }
    const plan = { tokens: filter.tokens, match: chosen.match };
    return { rows, count: await this.cappedCount(this.db, filter, plan, countUpTo) };
  }

  /** The cheapest way to the rare matches (see TextRoute); a test may force one. */
  private async fallbackRoute(
    filter: RecordsFilter,
    trigram = true,
  ): Promise<{ route: TextRoute; match: string | null }> {
    const forced = this.tuning.route;
    const long = filter.tokens.filter((t) => [...t].length >= TRIGRAM);
    const match = long.length > 0 ? ftsQuery(long) : null;
    if (forced === 'trigram' && match !== null) return { route: forced, match };
    if (forced === 'commune' && filter.places !== null) return { route: forced, match: null };
    if (forced) return { route: 'walk', match: null };
    const costs: [TextRoute, number][] = [];
    if (match !== null && trigram) {
      const n = await this.trigramMatches(match);
      if (n < SELECTIVE_MATCHES) costs.push(['trigram', n]);
    }
    const total = await this.totalRecords();
    if (filter.places !== null) costs.push(['commune', total * (filter.scopeShare ?? 1)]);
    costs.push(['walk', total / WALK_ROWS_PER_LOOKUP]);
    const [best] = costs.sort((x, y) => x[1] - y[1]);
    return { route: best![0], match: best![0] === 'trigram' ? match : null };
  }

  /** Every activity ever stored has a key (migration 0022): the largest is about how many exist. */
  private async totalRecords(): Promise<number> {
    const { rows } = await sql<{ n: number | null }>`select max(rid) as n
      from activity_search_keys`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  private async trigramMatches(match: string, upTo = SELECTIVE_MATCHES): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select rowid from activity_search where activity_search match ${match}
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

  private async walkKeys(
    filter: RecordsFilter,
    text: TextPlan,
    budget: number | null,
  ): Promise<PageKey[]> {
    const rows = await this.matching(this.walked(filter, budget), filter, text)
      .select(['a.id', 'a.activity_date'])
      .orderBy('a.activity_date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({ id: r.id, date: r.activity_date }));
  }

  private async walkCount(filter: RecordsFilter, text: TextPlan, cap: number): Promise<number> {
    const capped = this.matching(this.walked(filter, null), filter, text)
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
    let query = this.matching(
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

  /** The page's rows with their stored JSON, in the keys' order. */
  private async rowsOf(keys: PageKey[]): Promise<RecordRow[]> {
    if (keys.length === 0) return [];
    const rows = await this.base()
      .where(
        'a.id',
        'in',
        keys.map((k) => k.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return keys.flatMap((k) => {
      const r = byId.get(k.id);
      return r
        ? [
            {
              ...r,
              rev: Number(r.rev),
              participants_total: Number(r.participants_total),
            } as RecordRow,
          ]
        : [];
    });
  }

  private async cappedCount(
    db: Kysely<DB>,
    filter: RecordsFilter,
    text: TextPlan,
    countUpTo: number,
  ): Promise<number> {
    const capped = this.matching(
      db
        .selectFrom('activities as a')
        .select(sql<number>`1`.as('one'))
        .where('a.deleted', '=', 0),
      filter,
      text,
    ).limit(countUpTo + 1);
    const { n } = await db
      .selectFrom(capped.as('m'))
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  private async textPlan(tokens: string[]): Promise<TextPlan> {
    const long = tokens.filter((t) => [...t].length >= TRIGRAM);
    if (this.kind !== 'sqlite' || long.length === 0) return { tokens, match: null };
    // Each word a quoted phrase: its trigrams in a row, i.e. the word as a substring.
    const match = ftsQuery(long);
    return { tokens, match: (await this.trigramMatches(match)) < SELECTIVE_MATCHES ? match : null };
  }

  /** Filters, author and words (not the keyset) on any query over `activities as a`. */
  private matching<Q extends SelectQueryBuilder<DB & { a: DB['activities'] }, 'a' | any, any>>(
    query: Q,
    filter: RecordsFilter,
    text: TextPlan,
  ): Q {
    let q = narrow(query, filter) as SelectQueryBuilder<DB & { a: DB['activities'] }, 'a', object>;
    if (filter.authorId) q = q.where('a.author_id', '=', filter.authorId);
    if (text.match !== null) {
      q = q.where(
        sql<boolean>`${sql.ref('a.id')} in (select k.id from activity_search s
          join activity_search_keys k on k.rid = s.rowid where activity_search match ${text.match})`,
      );
    }
    // Always checked on the rows themselves: the index narrows, LIKE decides, so the answer is
    // the same with or without it (and short words, which have no trigram, still count).
    for (const token of text.tokens) {
      const pattern = `%${likeEscape(token)}%`;
      q = q.where(sql<boolean>`${sql.ref('a.search_text')} like ${pattern} escape '\\'`);
    }
    return q as unknown as Q;
  }

  private async page(db: Kysely<DB>, filter: RecordsFilter, text: TextPlan): Promise<RecordRow[]> {
    let query = this.matching(this.base(db), filter, text);
    query = afterKey(query, filter.after);
    const rows = await query
      .orderBy('a.activity_date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      rev: Number(r.rev),
      participants_total: Number(r.participants_total),
    })) as RecordRow[];
  }

  async find(id: string): Promise<RecordRow | undefined> {
    const row = await this.base().where('a.id', '=', id).executeTakeFirst();
    return row
      ? ({
          ...row,
          rev: Number(row.rev),
          participants_total: Number(row.participants_total),
        } as RecordRow)
      : undefined;
  }
}

interface PageKey {
  id: string;
  date: string;
}

/** Each word a quoted FTS5 phrase: its trigrams in a row, i.e. the word as a substring. */
const ftsQuery = (words: string[]) =>
  words.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');

/** The unit, form, status and date filters, on any query over `activities as a`. */
function narrow<Q extends SelectQueryBuilder<DB & { a: DB['activities'] }, 'a' | any, any>>(
  query: Q,
  filter: Pick<RecordsFilter, 'places' | 'form' | 'status' | 'from' | 'to'>,
): Q {
  let q = query as SelectQueryBuilder<DB & { a: DB['activities'] }, 'a', object>;
  if (filter.places !== null) {
    const places = [...filter.places].filter(([, codes]) => codes.length > 0);
    q = q.where((eb) =>
      eb.or(
        places.map(([geographyId, codes]) =>
          eb.and([eb('a.geography_id', '=', geographyId), eb('a.commune_code', 'in', codes)]),
        ),
      ),
    );
  }
  if (filter.form) q = q.where('a.form', '=', filter.form);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.from) q = q.where('a.activity_date', '>=', filter.from);
  if (filter.to) q = q.where('a.activity_date', '<=', filter.to);
  return q as unknown as Q;
}
