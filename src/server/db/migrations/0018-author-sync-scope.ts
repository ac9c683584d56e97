import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';

// Author-only sync (docs/sync-protocol.md, "What a phone syncs"): phones of every role but
// `commune` pull only the activities their user authored, plus the reference data. Two indexes
// keep that feed proportional to what the reader gets, not to the whole province:
// - the author's records (then their versions through changes_record_idx);
// - the reference data alone (a partial index: activity changes, nearly all rows, never enter it,
//   so a push writes nothing more). The literal predicate is repeated verbatim by the feed query:
//   both databases use a partial index only when the query's condition matches it.
export const authorSyncScope: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('activities_author_idx')
      .on('activities')
      .column('author_id')
      .execute();
    await db.schema
      .createIndex('changes_reference_idx')
      .on('changes')
      .column('version')
      .where(sql.ref('collection'), '<>', sql.lit('activities'))
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropIndex('changes_reference_idx').execute();
    await db.schema.dropIndex('activities_author_idx').execute();
  },
};
