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

  /**
   * Current communes of the activities the photo was attached to by its uploader: that ever
   * referenced it and that `uploaderId` saved a version of (their own record, or a colleague's
   * they added it to). Another account's record merely listing the hash does not count —
   * knowing a hash must not be a way to read someone else's photo.
   */
  async attachedCommunes(
    sha256: string,
    uploaderId: string,
  ): Promise<{ geographyId: string; code: string }[]> {
    const rows = await this.db
      .selectFrom('activity_photos')
      .innerJoin('activities', 'activities.id', 'activity_photos.activity_id')
      .select(['activities.commune_code', 'activities.geography_id'])
      .distinct()
      .where('activity_photos.sha256', '=', sha256)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('changes')
            .select('changes.version')
            .whereRef('changes.record_id', '=', 'activities.id')
            .where('changes.collection', '=', 'activities')
            .where('changes.user_id', '=', uploaderId),
        ),
      )
      .execute();
    return rows.map((r) => ({ geographyId: r.geography_id, code: r.commune_code }));
  }
}
