import type { AppDb } from '../../../db/app-db';
import { rememberBackup, type BackupMark } from '../../../db/backup-mark';
import { withReopen } from '../../../db/app-db';
import { encryptBackup } from './backup-crypto';
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
  const document = await withReopen(db, () =>
    db.transaction('r', [db.activities, db.outbox, db.formDrafts], async () => {
      const doc: BackupDocument = {
        format: BACKUP_FORMAT,
        owner: { userId: user.id, username: user.username, displayName: user.displayName },
        createdAt: now.toISOString(),
        activities: await db.activities.toArray(),
        outbox: await db.outbox.orderBy('seq').toArray(),
        formDrafts: await db.formDrafts.toArray(),
      };
      return doc;
    }),
  );
  const file = await encryptBackup({
    owner: { userId: user.id, username: user.username },
    document,
    partIds: [],
    readPart: () => Promise.reject(new Error('no parts')),
    passphrase,
    now,
    ...(options.iterations ? { iterations: options.iterations } : {}),
  });
  return {
    file,
    mark: {
      at: now.toISOString(),
      mutationIds: document.outbox.map((e) => e.mutationId),
      photoHashes: [],
    },
    counts: {
      activities: document.activities.filter((a) => a.localMeta.deleted === 0).length,
      unsynced: document.outbox.length,
      drafts: document.formDrafts.length,
      photos: 0,
    },
  };
}

/** The file was saved or shared: what it holds no longer forbids a logout. */
export function backupTaken(db: AppDb, backup: CreatedBackup): Promise<void> {
  return rememberBackup(db, backup.mark);
}
