import { withReopen, type AppDb } from './app-db';

/** Records with changes the server has not acknowledged yet (logout and sync status ask). */
export async function countUnsynced(db: AppDb): Promise<number> {
  return withReopen(db, () => db.activities.where('localMeta.pendingMutations').above(0).count());
}
