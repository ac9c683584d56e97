import { withReopen, type AppDb, type SyncNotice } from '../../../db/app-db';

/** Refusals and merge notices to show the officer, newest first. */
export async function listSyncNotices(db: AppDb): Promise<SyncNotice[]> {
  const notices = await withReopen(db, () => db.syncNotices.orderBy('createdAt').toArray());
  return notices.reverse();
}

/** A conflict notice, once read. Refusals go away when the record is saved again. */
export async function dismissSyncNotice(db: AppDb, id: string): Promise<void> {
  await withReopen(db, () => db.syncNotices.delete(id));
}
