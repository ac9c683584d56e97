import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';

// SQLite: the records browser's order (newest first: date, id) as a COVERING index — every column
// its filters test (deleted, place, form, status, author, the folded search text). Walking it
// newest first checks the words on narrow index rows read in order, and touches `activities`'
// wide rows (≈1.7 kB each, keyed by a random uuid) only for the page it returns. At 1,000,000
// activities a district with a common word read its ~60,000 rows by commune, one random wide
// row each, then sorted them: 3.6 s; the walk stops at the page (~6,000 narrow rows). A word no
// trigram narrows (1–2 letters) reads the whole index in order, never the table (27 s → ~1 s).
// It replaces `activities_date_idx` (0008): same leading columns, so whatever used that (date
// ranges) uses this one, and a push still writes one index entry for it, not two.
//
// PostgreSQL: nothing (its planner combines the pg_trgm and commune indexes with the date order
// itself; a btree entry there cannot hold a long text).
export const activityBrowseIndex = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await sql`create index activities_browse_idx on activities (activity_date, id, deleted,
      geography_id, commune_code, form, status, author_id, search_text)`.execute(db);
    await sql`drop index if exists activities_date_idx`.execute(db);
  },

  async down(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await sql`create index if not exists activities_date_idx on activities (activity_date, id)`.execute(
      db,
    );
    await sql`drop index if exists activities_browse_idx`.execute(db);
  },
});
