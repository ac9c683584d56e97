import type { Kysely, Selectable } from 'kysely';
import type { DB, PhotosTable } from '../../db/schema';

export type PhotoRow = Selectable<PhotosTable>;

export class PhotoRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(sha256: string): Promise<PhotoRow | undefined> {
    return this.db.selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  }

  /** Records a verified photo; a second completion of the same bytes changes nothing. */
  async insert(row: PhotoRow): Promise<void> {
    await this.db
      .insertInto('photos')
      .values(row)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  /** Current communes and authors of the activities that ever referenced the photo. */
  async references(
    sha256: string,
  ): Promise<{ geographyId: string; code: string; authorId: string }[]> {
    const rows = await this.db
      .selectFrom('activity_photos')
      .innerJoin('activities', 'activities.id', 'activity_photos.activity_id')
      .select(['activities.commune_code', 'activities.geography_id', 'activities.author_id'])
      .distinct()
      .where('activity_photos.sha256', '=', sha256)
      .execute();
    return rows.map((r) => ({
      geographyId: r.geography_id,
      code: r.commune_code,
      authorId: r.author_id,
    }));
  }

  /** Role and unit of an account (the uploader's scope), or undefined. */
  scopeOf(userId: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'unit_code', 'geography_id'])
      .where('id', '=', userId)
      .executeTakeFirst();
  }
}
