import type { PullResponse } from '../../../../shared/sync/sync-protocol';
import type { AppDb } from '../../../db/app-db';
import { removeActivities } from '../../../db/local-activity-write';
import { releaseUnreferencedPhotos } from '../../../db/photo-write';

// When the server restarts a feed for a new scope (the account was moved; since session 5 a
// province, agency, admin or district phone syncs only its user's own records), the phone must
// drop the records the new feed no longer brings — else a province officer's phone keeps a
// province it no longer syncs, and never hears of those records' later changes. The restarted
// feed brings every record of the new scope from the beginning, so "not seen by the end of it"
// means "out of scope". The ids seen so far live in `meta` with the cursor, page by page in the
// page's transaction, so a pull interrupted half-way resumes the sweep, not forgets it.
//
// Nothing unsynced is ever removed: a record with a queued or refused change, a draft, or a
// photo the server has not acknowledged stays, and so does one the server never acknowledged.

export const SCOPE_SWEEP_KEY = 'scopeSweep';

interface ScopeSweep {
  seen: string[];
}

/**
 * Inside applyPullPage's transaction (activityWriteTables + photoReleaseTables): notes the
 * page's records while a restarted feed is being caught up, and on its last page removes what
 * it did not bring. Returns the ids removed.
 */
export async function sweepAfterPage(db: AppDb, page: PullResponse): Promise<string[]> {
  const stored = page.restarted ? undefined : await db.meta.get(SCOPE_SWEEP_KEY);
  const sweep = page.restarted ? { seen: [] } : (stored?.value as ScopeSweep | undefined);
  if (!sweep) return [];
  const seen = new Set(sweep.seen);
  for (const change of page.changes)
    if (change.collection === 'activities') seen.add(change.recordId);
  if (page.hasMore) {
    await db.meta.put({ key: SCOPE_SWEEP_KEY, value: { seen: [...seen] } satisfies ScopeSweep });
    return [];
  }
  await db.meta.delete(SCOPE_SWEEP_KEY);
  const local = (await db.activities.toCollection().primaryKeys()) as string[];
  const gone = local.filter((id) => !seen.has(id));
  const removable: string[] = [];
  for (const id of gone) if (await holdsNothingUnsynced(db, id)) removable.push(id);
  await removeActivities(db, removable);
  await releaseUnreferencedPhotos(db, removable);
  return removable;
}

async function holdsNothingUnsynced(db: AppDb, id: string): Promise<boolean> {
  const row = await db.activities.get(id);
  if (!row || row.localMeta.pendingMutations > 0 || row.localMeta.serverRev == null) return false;
  if ((await db.outbox.where('recordId').equals(id).count()) > 0) return false;
  if (await db.formDrafts.get(id)) return false;
  const photos = await db.photos.where('activityIds').equals(id).toArray();
  return photos.every((p) => p.onServer === 1);
}
