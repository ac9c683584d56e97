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

/**
 * The text filter, decided once per request. `match`: an FTS5 query whose rows are a superset of
 * the answer (SQLite, selective words); null: LIKE alone (PostgreSQL's planner picks the trigram
 * index or the date order itself; on SQLite common or short words).
 */
interface TextPlan {
  tokens: string[];
  match: string | null;
}

/** The records browser's reads: filtered, newest first, by keyset pages over (date, id). */
export class RecordsRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DatabaseKind,
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
    return { rows, count: Number(n) };
  }

  private async textPlan(tokens: string[]): Promise<TextPlan> {
    const long = tokens.filter((t) => [...t].length >= TRIGRAM);
    if (this.kind !== 'sqlite' || long.length === 0) return { tokens, match: null };
    // Each word a quoted phrase: its trigrams in a row, i.e. the word as a substring.
    const match = long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select rowid from activity_search where activity_search match ${match}
      limit ${SELECTIVE_MATCHES})`.execute(this.db);
    return { tokens, match: Number(rows[0]?.n ?? 0) < SELECTIVE_MATCHES ? match : null };
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
    if (filter.after) {
      const { date, id } = filter.after;
      query = query.where((eb) =>
        eb.or([
          eb('a.activity_date', '<', date),
          eb.and([eb('a.activity_date', '=', date), eb('a.id', '<', id)]),
        ]),
      );
    }
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
