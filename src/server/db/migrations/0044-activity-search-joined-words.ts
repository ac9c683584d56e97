import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';

/**
 * A text in which an ASCII letter or digit follows a non-ASCII character ("ßzq", "“ab”"). The
 * records browser's PostgreSQL route for a lone 1–2-letter word (records-short-word.repository.ts)
 * finds every other occurrence of such a word through pg_trgm; these texts are the rest. The
 * repository repeats this exact literal in its query, so the planner sees the index's predicate.
 */
export const JOINED_WORD_TEXT = String.raw`[^\x01-\x7f][0-9A-Za-z]`;

// PostgreSQL: a partial index of the (few) live texts matching JOINED_WORD_TEXT, so the route
// reads them without a scan. Only those rows get an entry; every write evaluates the predicate
// (one regex over the search text). SQLite: nothing (its short words use migration 0036).
export const activitySearchJoinedWords = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`create index if not exists activities_search_joined_idx on activities (activity_date)
      where search_text ~ ${sql.lit(JOINED_WORD_TEXT)}`.execute(db);
  },

  async down(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`drop index if exists activities_search_joined_idx`.execute(db);
  },
});
