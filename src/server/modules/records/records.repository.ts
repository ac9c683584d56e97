import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/database';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import {
  afterKey,
  cappedCount,
  matching,
  narrow,
  TRIGRAM,
  type RecordsFilter,
  type TextPlan,
} from './records-filter.repository';
import {
  DEFAULT_TUNING,
  RecordsTextRoutes,
  type PageKey,
  type TextTuning,
} from './records-text-route.repository';
import { scopeWalkCount, scopeWalkKeys } from './records-scope-walk.repository';
import {
  DEFAULT_SHORT_WORD_TUNING,
  PostgresShortWords,
  type ShortWordTuning,
} from './records-short-word.repository';

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

/** The records browser's reads: filtered, newest first, by keyset pages over (date, id). */
export class RecordsRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DatabaseKind,
    tuning: TextTuning = DEFAULT_TUNING,
    shortWordTuning: ShortWordTuning = DEFAULT_SHORT_WORD_TUNING,
  ) {
    this.textRoutes = new RecordsTextRoutes(db, tuning);
    this.shortWords = new PostgresShortWords(db, shortWordTuning);
  }

  /** SQLite's text-filter route choice (records-text-route.repository.ts). */
  private readonly textRoutes: RecordsTextRoutes;
  /** PostgreSQL's route for 1–2-character words (records-short-word.repository.ts). */
  private readonly shortWords: PostgresShortWords;

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
    if (this.kind === 'sqlite' && filter.tokens.length > 0) {
      const { keys, count } = await this.textRoutes.find(filter, countUpTo);
      return { rows: await this.rowsOf(keys), count };
    }
    const text: TextPlan = { tokens: filter.tokens, match: null };
    const shortOnly = text.tokens.length > 0 && !text.tokens.some((t) => [...t].length >= TRIGRAM);
    if (this.kind === 'postgres' && shortOnly) {
      const found = await this.shortWords.find(filter, countUpTo);
      if (found) return { rows: await this.rowsOf(found.keys), count: found.count };
      // Words the route does not take (not ASCII letters or digits) or too common for it. LIKE
      // alone gives pg_trgm no trigram, yet the planner reads its whole GIN index for it (12.7 s
      // at 1,000,000 rows vs 2 s for a scan): no bitmap scans (GIN has no other).
      return this.db.transaction().execute(async (trx) => {
        await sql`set local enable_bitmapscan = off`.execute(trx);
        if (filter.places === null) return this.read(trx, filter, text, countUpTo);
        // Within a unit, the words are common (the route's estimate) or not ASCII: walk the
        // unit's geographies newest first (records-scope-walk.repository.ts), never read and
        // sort the unit's every record (the planner, misjudging LIKE, did: 0.4 s for 70,000).
        await sql`set local enable_sort = off`.execute(trx);
        const rows = await this.rowsOf(await scopeWalkKeys(trx, filter, text, filter.places));
        if (countUpTo === undefined) return { rows, count: null };
        return {
          rows,
          count: await scopeWalkCount(trx, filter, text, filter.places, countUpTo),
        };
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
    return { rows, count: await cappedCount(db, filter, text, countUpTo) };
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

  private async page(db: Kysely<DB>, filter: RecordsFilter, text: TextPlan): Promise<RecordRow[]> {
    let query = matching(this.base(db), filter, text);
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
