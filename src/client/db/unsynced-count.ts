import { withReopen, type AppDb } from './app-db';

/**
 * Records with changes the server has not acknowledged yet (logout and sync status ask): the
 * records the outbox holds entries for, pending or refused. A key-only read of the outbox's
 * recordId index; since v13 the activities table carries no index for it (a new phone's first
 * sync wrote one index entry per pulled record for a count the outbox already knows).
 */
export async function countUnsynced(db: AppDb): Promise<number> {
  return withReopen(db, async () => (await db.outbox.orderBy('recordId').uniqueKeys()).length);
}
