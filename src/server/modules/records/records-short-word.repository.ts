import type { Kysely } from 'kysely';
import { CompiledQuery, sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import { JOINED_WORD_TEXT } from '../../db/migrations/0044-activity-search-joined-words';
import {
  containsPattern,
  matching,
  type Narrowed,
  type RecordsFilter,
} from './records-filter.repository';
import type { PageKey } from './records-text-route.repository';

// PostgreSQL, a query of only 1–2-character words. pg_trgm extracts no trigram from LIKE '%zq%'
// (its trigrams are per word, padded: a 2-letter substring is never one), so the planner read
// the whole GIN index, and with bitmap scans off it scanned (~1 s at 1,000,000 for a rare word).
// Yet every occurrence of "zq" IS in some trigram of the index, decided by the character before
// it: a letter or digit X gives "xzq"; the text's start or an ASCII character that is not a
// letter or digit makes "zq" start a pg_trgm word, " zq". Each case is a regex pg_trgm can
// narrow (the character classes are small enough for it to expand). The only other case is a
// non-ASCII character before the word — whether pg_trgm counts it as a letter depends on the
// locale, and no class of them is small — and those texts are in migration 0044's partial index.
// So the OR of these regexes holds every record whose text contains the word; LIKE still decides
// each row, so the answer is exactly the LIKE answer. A 1-letter word is the same one step
// further left: "  q", " Xq", "YXq" (the last in groups pg_trgm can still expand).

/** PostgreSQL's short-word budgets. */
export interface ShortWordTuning {
  /** The newest records read to estimate how common the words are (0: none, the route always). */
  sample: number;
  /** The route reads at most this many matching records; more (or so estimated): as before. */
  candidates: number;
}

/**
 * The newest 2,000 records estimate how common the words are; an estimate above 2,000 records
 * (at 1,000,000: more than 4 in the sample) reads as before — the page fills from the newest
 * rows — and the route reads at most 2,000 matching records.
 */
export const DEFAULT_SHORT_WORD_TUNING: ShortWordTuning = { sample: 2_000, candidates: 2_000 };

const WORD_CHAR = '[0-9A-Za-z]';
/** ASCII characters other than letters and digits (NUL never reaches a PostgreSQL text). */
const ASCII_OTHER = String.raw`[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]`;
const WORD_START = `(^|${ASCII_OTHER})`;
const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';
/** pg_trgm expands a regex to at most 256 trigrams, else reads its whole index: 36 × 7 = 252. */
const GROUP = 7;

/**
 * The regexes whose OR holds every text containing `word` (see above), each narrowed by the
 * trigram index or the partial index; undefined for a word that is not 1–2 ASCII letters or
 * digits (pg_trgm's idea of a letter elsewhere depends on the locale).
 */
export function shortWordArms(word: string): string[] | undefined {
  if (!/^[0-9a-z]{1,2}$/.test(word)) return undefined;
  if (word.length === 2) return [`${WORD_START}${word}`, `${WORD_CHAR}${word}`, JOINED_WORD_TEXT];
  const groups: string[] = [];
  for (let i = 0; i < ALPHANUMERIC.length; i += GROUP) {
    const chars = [...ALPHANUMERIC.slice(i, i + GROUP)];
    groups.push(`${WORD_CHAR}[${chars.map((c) => c + c.toUpperCase()).join('')}]${word}`);
  }
  return [`${WORD_START}${word}`, `${WORD_START}${WORD_CHAR}${word}`, ...groups, JOINED_WORD_TEXT];
}

/** The word the route narrows by: a 2-character one if any (fewer, rarer trigrams). */
const routeWord = (tokens: string[]) =>
  [...tokens].sort((x, y) => y.length - x.length).find((t) => shortWordArms(t) !== undefined);

/** The route's word the sample holds least often (ties: routeWord's order), if any. */
function rarest(tokens: string[], perWord: number[]): string | undefined {
  const ranked = [...tokens.entries()]
    .filter(([, t]) => shortWordArms(t) !== undefined)
    .sort(([i, x], [j, y]) => perWord[i]! - perWord[j]! || y.length - x.length);
  return ranked[0]?.[1];
}

export class PostgresShortWords {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tuning: ShortWordTuning = DEFAULT_SHORT_WORD_TUNING,
  ) {}

  /**
   * The page's keys and the count up to `countUpTo` + 1 for a query of only 1–2-character
   * words; undefined when the route does not apply or the words are too common for it (the
   * caller then reads as before).
   */
  async find(
    filter: RecordsFilter,
    countUpTo: number | undefined,
  ): Promise<{ keys: PageKey[]; count: number | null } | undefined> {
    const longest = routeWord(filter.tokens);
    if (longest === undefined) return undefined;
    return this.db.transaction().execute(async (trx) => {
      let word = longest;
      if (this.tuning.sample > 0) {
        const { records, perWord } = await this.estimate(trx, filter.tokens);
        // A common word costs the route its trigram bitmaps (hundreds of thousands of records)
        // while the newest rows fill its page at once: it reads as before.
        if (records > this.tuning.candidates) return undefined;
        // The rarest word in the sample narrows: "ap 12" by "12", never by "ap" (in every
        // record: its bitmaps would be the whole table, ~1.5 s at 1,000,000).
        word = rarest(filter.tokens, perWord) ?? longest;
      }
      // Rare: only the bitmaps of the regexes (the planner would otherwise prefer a scan).
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      return this.routeKeys(trx, filter, word, countUpTo);
    });
  }

  /**
   * About how many records have all the words, from the newest `sample` records anywhere (the
   * scope is ignored: the route's cost is the words' bitmaps, whatever the scope), scaled to the
   * table's size as the planner's statistics give it.
   */
  private async estimate(
    db: Kysely<DB>,
    tokens: string[],
  ): Promise<{ records: number; perWord: number[] }> {
    await sql`set local enable_bitmapscan = off`.execute(db);
    const likes = tokens.map(
      (token) => sql`w.search_text like ${containsPattern(token)} escape '\\'`,
    );
    const { rows } = await sql<Record<string, string | number | null>>`
      select s.*, (select reltuples from pg_class where oid = to_regclass('activities')) as total
      from (select count(*) filter (where ${sql.join(likes, sql` and `)}) as m,
          ${sql.join(likes.map((like, i) => sql`count(*) filter (where ${like}) as ${sql.ref(`w${i}`)}`))}
        from (select search_text from activities where deleted = 0
          order by activity_date desc, id desc limit ${this.tuning.sample}) w) s`.execute(db);
    const row = rows[0] ?? {};
    const total = Math.max(Number(row.total ?? 0), this.tuning.sample);
    await sql`set local enable_bitmapscan = on`.execute(db);
    return {
      records: (Number(row.m ?? 0) * total) / this.tuning.sample,
      perWord: tokens.map((_, i) => Number(row[`w${i}`] ?? 0)),
    };
  }

  /**
   * Every matching record (up to `candidates` + 1) through the regexes' bitmaps, then the page
   * after the keyset among them and how many there are; undefined if more than `candidates`.
   */
  private async routeKeys(
    db: Kysely<DB>,
    filter: RecordsFilter,
    word: string,
    countUpTo: number | undefined,
  ): Promise<{ keys: PageKey[]; count: number | null } | undefined> {
    // The scope and other filters apply to the words' records, never as index conditions of
    // their own: the planner would AND the words' bitmap with a district's (80,000 records).
    const scoped = matching(db.selectFrom(sql`t`.as('a')) as unknown as Narrowed, filter, {
      tokens: [],
      match: null,
    }).select(['a.id', 'a.activity_date']);
    const after = filter.after
      ? sql`c.activity_date < ${filter.after.date}
          or (c.activity_date = ${filter.after.date} and c.id < ${filter.after.id})`
      : sql`true`;
    const { rows } = await sql<{
      n: string | number;
      k: string | number;
      id: string | null;
      activity_date: string;
    }>`
      with t as materialized (${this.candidates(db, filter.tokens, word)}), c as (${scoped})
      select n.n, k.k, p.id, p.activity_date from (select count(*) as n from t) n
      cross join (select count(*) as k from c) k
      left join lateral (select c.id, c.activity_date from c where ${after}
        order by c.activity_date desc, c.id desc limit ${filter.limit}) p on true`.execute(db);
    if (Number(rows[0]?.n ?? 0) > this.tuning.candidates) return undefined;
    const k = Number(rows[0]?.k ?? 0);
    const keys = rows.flatMap((r) => (r.id === null ? [] : [{ id: r.id, date: r.activity_date }]));
    return { keys, count: countUpTo === undefined ? null : Math.min(k, countUpTo + 1) };
  }

  /**
   * The live records with the words (up to `candidates` + 1, unordered, any scope) through the
   * regexes' bitmaps, with the columns the filters test.
   */
  private candidates(db: Kysely<DB>, tokens: string[], word: string) {
    const arms = shortWordArms(word)!.map(
      // Literals, not parameters: the planner must see migration 0044's predicate itself.
      (regex) => sql`${sql.ref('a.search_text')} ~ ${sql.lit(regex)}`,
    );
    let query = db
      .selectFrom('activities as a')
      .where('a.deleted', '=', 0)
      .where(sql<boolean>`(${sql.join(arms, sql` or `)})`);
    for (const token of tokens) {
      // `|| ''` keeps LIKE out of the index conditions: for 1–2 characters pg_trgm would read
      // its whole index for it. It is still checked on every row.
      query = query.where(
        sql<boolean>`(${sql.ref('a.search_text')} || '') like ${containsPattern(token)} escape '\\'`,
      );
    }
    return query
      .select([
        'a.id',
        'a.activity_date',
        'a.deleted',
        'a.geography_id',
        'a.commune_code',
        'a.form',
        'a.status',
        'a.author_id',
      ])
      .limit(this.tuning.candidates + 1);
  }

  /** EXPLAIN ANALYZE of the route's read, as it runs (tests and diagnosis). */
  async explain(filter: RecordsFilter): Promise<string> {
    const word = routeWord(filter.tokens);
    if (word === undefined) return '';
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      const compiled = this.candidates(trx, filter.tokens, word).compile();
      const { rows } = await trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(
          `explain (analyze, costs off, timing off) ${compiled.sql}`,
          compiled.parameters as unknown[],
        ),
      );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
  }
}
