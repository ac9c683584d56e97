import type { Kysely, Migration } from 'kysely';

// Evidence photos: one row per stored file (named by the SHA-256 of its bytes), and which
// activities ever referenced it — what decides who may download it. Bytes live in the photo
// storage (files under DATA_DIR), never in the database.
export const photosSchema: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('photos')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    // Kept when a later version drops the photo: the history still shows it to the same readers.
    await db.schema
      .createTable('activity_photos')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('activity_photos_pk', ['sha256', 'activity_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('activity_photos').execute();
    await db.schema.dropTable('photos').execute();
  },
};
