import { withReopen, type AppDb } from './app-db';

// What the last "Sao lưu" of this database held that the server did not have yet. Logging out
// is allowed with unsynced data only while every unsynced change is in that file (the officer
// took the data off the phone in their own hands); any later change needs a new backup or a sync.

const KEY = 'backup.lastExport';

export interface BackupMark {
  at: string;
  /** Outbox entries (pending or refused) the file holds. */
  mutationIds: string[];
  /** Photos not yet on the server that the file holds. */
  photoHashes: string[];
}

export async function rememberBackup(db: AppDb, mark: BackupMark): Promise<void> {
  await withReopen(db, () => db.meta.put({ key: KEY, value: mark }));
}

export async function lastBackup(db: AppDb): Promise<BackupMark | null> {
  const row = await withReopen(db, () => db.meta.get(KEY));
  return (row?.value as BackupMark | undefined) ?? null;
}

/**
 * True when everything unsynced here is in the last backup file: each outbox entry and each
 * photo still waiting for upload was exported, nothing was queued after it.
 */
export async function unsyncedAllInBackup(
  db: AppDb,
  waitingPhotoHashes: readonly string[] = [],
): Promise<boolean> {
  const mark = await lastBackup(db);
  if (!mark) return false;
  const exported = new Set(mark.mutationIds);
  const queued = await withReopen(db, () => db.outbox.toArray());
  if (queued.some((entry) => !exported.has(entry.mutationId))) return false;
  const photos = new Set(mark.photoHashes);
  return waitingPhotoHashes.every((hash) => photos.has(hash));
}
