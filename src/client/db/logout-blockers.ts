import { withReopen, type AppDb } from './app-db';
import { unsyncedAllInBackup } from './backup-mark';
import { countUnsynced } from './unsynced-count';

export interface LogoutBlockers {
  /** Records with changes the server has not acknowledged. */
  records: number;
  /** Photos of records (not only of a draft) whose bytes the server does not have yet. */
  photos: number;
}

/**
 * Unsynced data that forbids a logout: none once the officer has exported all of it since the
 * last change ("Sao lưu": the data left the phone in their hands).
 */
export async function logoutBlockers(db: AppDb): Promise<LogoutBlockers> {
  const records = await countUnsynced(db);
  const waiting = await withReopen(db, () => db.photos.where('onServer').equals(0).toArray());
  // A photo only a draft lists is like the draft: it never blocked a logout.
  const saved = new Set(
    await withReopen(db, () =>
      db.activities
        .where(':id')
        .anyOf(waiting.flatMap((p) => p.activityIds))
        .primaryKeys(),
    ),
  );
  const photos = waiting.filter((p) => p.activityIds.some((id) => saved.has(id)));
  if (records === 0 && photos.length === 0) return { records: 0, photos: 0 };
  if (
    await unsyncedAllInBackup(
      db,
      photos.map((p) => p.sha256),
    )
  )
    return { records: 0, photos: 0 };
  return { records, photos: photos.length };
}
