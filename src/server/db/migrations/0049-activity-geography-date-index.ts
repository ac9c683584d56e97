import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';

// PostgreSQL: the records browser's page within a unit walks this index newest first per
// geography (records.repository.ts, `scopedKeys`), checking the unit's commune codes in the index
// itself. By the date index alone, a district of the 2024 map searched with common words first
// skipped every record of the 2025 map (a third of 1,000,000, each read from the table: 1–7 s).
// commune_code is last so the walk keeps the date order. SQLite: nothing (its covering browse
// index, migration 0033, already checks the scope on narrow index rows).
export const activityGeographyDateIndex = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`create index if not exists activities_geography_date_idx
      on activities (geography_id, activity_date, id, commune_code)`.execute(db);
  },

  async down(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`drop index if exists activities_geography_date_idx`.execute(db);
  },
});
