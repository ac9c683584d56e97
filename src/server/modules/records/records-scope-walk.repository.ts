import type { Kysely } from 'kysely';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';
import { matching, type RecordsFilter, type TextPlan } from './records-filter.repository';
import type { PageKey } from './records-text-route.repository';

// PostgreSQL, a unit searched with words the short-word route finds common (or not ASCII): the
// unit's records per geography, by migration 0049's index (geography_id, activity_date, id,
// commune_code). With the unit's places as one OR, the planner walked the date index over every
// geography and read each row from the table: a 2024 district first skipped the whole 2025 map
// (a third of 1,000,000 records, 327,000 pages: 2–6 s). Per geography, the walk starts at that
// map's newest record and checks the unit's commune codes in the index (between the smallest
// and largest of them; the list itself on the row), so only the unit's rows are read from the
// table. LIKE still decides every row.

/** The unit's rows of one geography with every filter and word, as `activities as a`. */
function within(
  db: Kysely<DB>,
  filter: RecordsFilter,
  text: TextPlan,
  geographyId: string,
  codes: string[],
) {
  let query = matching(
    db.selectFrom('activities as a').where('a.deleted', '=', 0),
    { ...filter, places: new Map([[geographyId, codes]]) },
    text,
  );
  if (codes.length > 1) {
    // Bounds taken in SQL, so they compare as the column does (its collation).
    query = query.where(
      sql<boolean>`${sql.ref('a.commune_code')} between
        (select min(c) from unnest(${codes}::text[]) c)
        and (select max(c) from unnest(${codes}::text[]) c)`,
    );
  }
  return query;
}

const geographies = (places: Map<string, string[]>) =>
  [...places].filter(([, codes]) => codes.length > 0);

/**
 * The page's keys: per geography newest first from the keyset, merged (a Merge Append: each
 * walk stops when the page is full). The caller turns sorting off: misjudging LIKE, the planner
 * preferred reading all of a district's 70,000 records by the commune index and sorting them.
 */
export async function scopeWalkKeys(
  db: Kysely<DB>,
  filter: RecordsFilter,
  text: TextPlan,
  places: Map<string, string[]>,
): Promise<PageKey[]> {
  const walks = geographies(places).map(([geographyId, codes]) => {
    let query = within(db, filter, text, geographyId, codes);
    if (filter.after) {
      // The keyset as a row comparison: an index condition, where afterKey's OR is a filter.
      query = query.where(
        sql<boolean>`(${sql.ref('a.activity_date')}, ${sql.ref('a.id')})
          < (${filter.after.date}, ${filter.after.id})`,
      );
    }
    return sql`(${query
      .select(['a.id', 'a.activity_date'])
      .orderBy('a.activity_date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)})`;
  });
  if (walks.length === 0) return [];
  const { rows } = await sql<{ id: string; activity_date: string }>`select w.id, w.activity_date
    from (${sql.join(walks, sql` union all `)}) w
    order by w.activity_date desc, w.id desc limit ${filter.limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, date: r.activity_date }));
}

/**
 * How many of the unit's records match, up to `countUpTo` + 1, reading only the unit's rows
 * (one geography after another; the planner picks the index) — not the whole table.
 */
export async function scopeWalkCount(
  db: Kysely<DB>,
  filter: RecordsFilter,
  text: TextPlan,
  places: Map<string, string[]>,
  countUpTo: number,
): Promise<number> {
  const parts = geographies(places).map(
    ([geographyId, codes]) =>
      sql`(${within(db, filter, text, geographyId, codes).select(sql<number>`1`.as('one'))})`,
  );
  if (parts.length === 0) return 0;
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from
    (${sql.join(parts, sql` union all `)} limit ${countUpTo + 1}) m`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
