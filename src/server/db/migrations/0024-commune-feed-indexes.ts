import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';

// A commune phone's pull (SyncRepository.feed) used to walk `changes` in version order from its
// cursor and filter by commune: with 20 communes in the history it read ~20 rows for each one
// it sent, and a first pull read the whole table. These two indexes give that feed an ordered
// range per commune (and per commune a record moved out of), so a pull reads what it returns.
// The second is partial: nearly every change has no previous commune, so a push writes nothing
// more into it. The feed repeats its predicate verbatim (both databases need that to use it).
export const communeFeedIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('changes_commune_idx')
      .on('changes')
      .columns(['geography_id', 'commune_code', 'version'])
      .execute();
    await db.schema
      .createIndex('changes_prev_commune_idx')
      .on('changes')
      .columns(['prev_geography_id', 'prev_commune_code', 'version'])
      .where(sql.ref('prev_commune_code'), 'is not', sql.lit(null))
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropIndex('changes_prev_commune_idx').execute();
    await db.schema.dropIndex('changes_commune_idx').execute();
  },
};
