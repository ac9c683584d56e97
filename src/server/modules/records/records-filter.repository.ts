import type { Kysely, SelectQueryBuilder } from 'kysely';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';

// The records browser's filters as SQL, shared by the page reads (records.repository.ts) and
// SQLite's text-filter routes (records-text-route.repository.ts).

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

/** Trigrams need 3 characters: a shorter word is found through the index's vocabulary. */
export const TRIGRAM = 3;

/**
 * The text filter, decided once per request. `match`: an FTS5 query whose rows are a superset of
 * the answer (SQLite, selective words of 3+ letters); `prefix`: a word of 1–2 letters whose
 * records are those of the trigram index's terms starting with it (SQLite, migration 0036);
 * both null: LIKE alone (PostgreSQL's planner picks the trigram index or the date order itself;
 * on SQLite common words).
 */
export interface TextPlan {
  tokens: string[];
  match: string | null;
  prefix?: string | null;
}

export type Narrowed = SelectQueryBuilder<DB & { a: DB['activities'] }, 'a', object>;
type OverActivities = SelectQueryBuilder<DB & { a: DB['activities'] }, 'a' | any, any>;

const likeEscape = (token: string) => token.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching texts that contain `token` (with `escape '\\'`). */
export const containsPattern = (token: string) => `%${likeEscape(token)}%`;

/** Each word a quoted FTS5 phrase: its trigrams in a row, i.e. the word as a substring. */
export const ftsQuery = (words: string[]) =>
  words.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');

/**
 * The index terms (3 characters each) that start with a word of 1–2 characters: from the word
 * itself to the word followed by the largest code points (UTF-8 order is code point order).
 */
export const termRange = (word: string): [string, string] => [
  word,
  word + '\u{10FFFF}'.repeat(TRIGRAM - [...word].length),
];

/** Keyset paging: only rows after `after` in the browse order (date, then id, both descending). */
export function afterKey<Q extends OverActivities>(query: Q, after: RecordsFilter['after']): Q {
  if (!after) return query;
  return query.where((eb) =>
    eb.or([
      eb('a.activity_date', '<', after.date),
      eb.and([eb('a.activity_date', '=', after.date), eb('a.id', '<', after.id)]),
    ]),
  ) as Q;
}

/** The unit, form, status and date filters, on any query over `activities as a`. */
export function narrow<Q extends OverActivities>(
  query: Q,
  filter: Pick<RecordsFilter, 'places' | 'form' | 'status' | 'from' | 'to'>,
): Q {
  let q = query as Narrowed;
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

/** Filters, author and words (not the keyset) on any query over `activities as a`. */
export function matching<Q extends OverActivities>(
  query: Q,
  filter: RecordsFilter,
  text: TextPlan,
): Q {
  let q = narrow(query, filter) as Narrowed;
  if (filter.authorId) q = q.where('a.author_id', '=', filter.authorId);
  if (text.match !== null) {
    q = q.where(
      sql<boolean>`${sql.ref('a.id')} in (select k.id from activity_search s
        join activity_search_keys k on k.rid = s.rowid where activity_search match ${text.match})`,
    );
  }
  if (text.prefix) {
    const [low, high] = termRange(text.prefix);
    q = q.where(
      sql<boolean>`${sql.ref('a.id')} in (select k.id from activity_search_vocab v
        join activity_search_keys k on k.rid = v.doc where v.term >= ${low} and v.term <= ${high})`,
    );
  }
  // Always checked on the rows themselves: the index narrows, LIKE decides, so the answer is
  // the same with or without it.
  for (const token of text.tokens) {
    const pattern = containsPattern(token);
    q = q.where(sql<boolean>`${sql.ref('a.search_text')} like ${pattern} escape '\\'`);
  }
  return q as unknown as Q;
}

/** How many records match, counted up to `countUpTo` + 1 (so the caller knows there are more). */
export async function cappedCount(
  db: Kysely<DB>,
  filter: RecordsFilter,
  text: TextPlan,
  countUpTo: number,
): Promise<number> {
  const capped = matching(
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
