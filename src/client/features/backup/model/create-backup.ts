import type { AppDb } from '../../../db/app-db';
import { rememberBackup, type BackupMark } from '../../../db/backup-mark';
import { withReopen } from '../../../db/app-db';
import { encryptBackup } from './backup-crypto';
import { PHOTO_PART_PREFIX, readPhotoPart } from './backup-photos';
import { BACKUP_FORMAT, type BackupDocument } from './backup-document';

export interface BackupOwnerUser {
  id: string;
  username: string;
  displayName: string;
}

export interface CreatedBackup {
  file: Blob;
  /** What the file holds of the unsynced data; remembered once the file has left the app. */
  mark: BackupMark;
  counts: { activities: number; unsynced: number; drafts: number; photos: number };
}

/**
 * "Sao lưu": everything of the signed-in officer on this phone (records, queued changes, form
 * drafts, photos) in one encrypted file. Read in one transaction, so the file is one consistent
 * moment. Once the file was saved or shared, backupTaken() remembers it (logging out is then
 * allowed while nothing changed since).
 */
export async function createBackup(
  db: AppDb,
  user: BackupOwnerUser,
  passphrase: string,
  options: { now?: Date; iterations?: number } = {},
): Promise<CreatedBackup> {
  const now = options.now ?? new Date();
  const { document, photos, waitingPhotos } = await withReopen(db, () =>
    db.transaction('r', [db.activities, db.outbox, db.formDrafts, db.photos], async () => {
      const doc: BackupDocument = {
        format: BACKUP_FORMAT,
        owner: { userId: user.id, username: user.username, displayName: user.displayName },
        createdAt: now.toISOString(),
        activities: await db.activities.toArray(),
        outbox: await db.outbox.orderBy('seq').toArray(),
        formDrafts: await db.formDrafts.toArray(),
      };
      // Only the keys here: the bytes are read one photo at a time while the file is sealed.
      return {
        document: doc,
        photos: await db.photos.toCollection().primaryKeys(),
        waitingPhotos: await db.photos.where('onServer').equals(0).primaryKeys(),
      };
    }),
  );
  const file = await encryptBackup({
    owner: { userId: user.id, username: user.username },
    document,
    partIds: photos.map((sha256) => `${PHOTO_PART_PREFIX}${sha256}`),
    readPart: (id) => readPhotoPart(db, id.slice(PHOTO_PART_PREFIX.length)),
    passphrase,
    now,
    ...(options.iterations ? { iterations: options.iterations } : {}),
  });
  return {
    file,
    mark: {
      at: now.toISOString(),
      mutationIds: document.outbox.map((e) => e.mutationId),
      photoHashes: waitingPhotos,
    },
    counts: {
      activities: document.activities.filter((a) => a.localMeta.deleted === 0).length,
      unsynced: document.outbox.length,
      drafts: document.formDrafts.length,
      photos: photos.length,
    },
  };
}

/** The file was saved or shared: what it holds no longer forbids a logout. */
export function backupTaken(db: AppDb, backup: CreatedBackup): Promise<void> {
  return rememberBackup(db, backup.mark);
}
