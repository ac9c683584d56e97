import type { Activity } from '../../../../shared/activity/activity.schema';
import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import { adminUnitSchema } from '../../../../shared/admin-units/admin-unit.schema';
import type { Change, PullResponse } from '../../../../shared/sync/sync-protocol';
import { localRowOf, searchRowOf } from '../../../db/activity-search';
import { communeNames, type AppDb, type LocalActivity } from '../../../db/app-db';
import { putSearchRows } from '../../../db/search-index';

export const SYNC_CURSOR_KEY = 'syncCursor';

export interface PullPageOutcome {
  applied: number;
  /** Changes not applied because the local record has changes of its own still queued. */
  keptLocal: number;
}

/**
 * Applies one pulled page and the cursor after it in ONE transaction, so a crash between pages
 * resumes exactly where it stopped. A record with unacknowledged local changes is never
 * overwritten: its queued push will be merged by the server and the answer brings the result.
 */
export async function applyPullPage(db: AppDb, page: PullResponse): Promise<PullPageOutcome> {
  const outcome: PullPageOutcome = { applied: 0, keptLocal: 0 };
  await db.transaction(
    'rw',
    [db.activities, db.activitySearch, db.adminUnits, db.meta],
    async () => {
      const unitChanges = page.changes.filter((c) => c.collection === 'admin_units');
      for (const change of unitChanges) await applyUnitChange(db, change);
      outcome.applied += unitChanges.length;

      const activityChanges = page.changes.filter((c) => c.collection === 'activities');
      if (activityChanges.length > 0) {
        const names = await communeNames(db);
        const ids = [...new Set(activityChanges.map((c) => c.recordId))];
        const current = new Map<string, LocalActivity>();
        (await db.activities.bulkGet(ids)).forEach((row) => row && current.set(row.id, row));
        for (const change of activityChanges) {
          const existing = current.get(change.recordId);
          if (existing && existing.localMeta.pendingMutations > 0) {
            current.set(existing.id, stashRemote(existing, change));
            outcome.keptLocal += 1;
            continue;
          }
          // Pages are in server order, but a stale copy must never replace a newer one.
          if (existing?.localMeta.serverRev != null && change.rev < existing.localMeta.serverRev)
            continue;
          const next = nextRow(change, existing, names);
          if (next) current.set(next.id, next);
          outcome.applied += 1;
        }
        const rows = ids.map((id) => current.get(id)).filter((r): r is LocalActivity => !!r);
        await db.activities.bulkPut(rows);
        await putSearchRows(
          db,
          rows.map((r) => searchRowOf(r, r.localMeta)),
        );
      }
      await db.meta.put({ key: SYNC_CURSOR_KEY, value: page.cursor });
    },
  );
  return outcome;
}

// Kept beside the pending local version, for when its changes are acknowledged.
function stashRemote(existing: LocalActivity, change: Change): LocalActivity {
  const stash = existing.localMeta.remote;
  if (stash && stash.rev >= change.rev) return existing;
  const data = change.op === 'delete' ? null : (change.data as Activity);
  return { ...existing, localMeta: { ...existing.localMeta, remote: { rev: change.rev, data } } };
}

function nextRow(
  change: Change,
  existing: LocalActivity | undefined,
  names: Map<string, string>,
): LocalActivity | undefined {
  if (change.op === 'delete') {
    if (!existing) return undefined;
    return { ...existing, localMeta: { ...existing.localMeta, deleted: 1, serverRev: change.rev } };
  }
  const data = change.data as Activity | null;
  if (!isActivityShaped(data, change.recordId)) return existing;
  return localRowOf(data, names.get(data.communeCode), {
    serverRev: change.rev,
    pendingMutations: 0,
    deleted: 0,
  });
}

// The server validated the record with the shared schema on push; here only guard against a
// shape the app could not display (e.g. a newer server's unknown type).
function isActivityShaped(data: Activity | null, recordId: string): data is Activity {
  return (
    typeof data === 'object' &&
    data !== null &&
    data.id === recordId &&
    (ACTIVITY_TYPES as readonly string[]).includes(data.type) &&
    typeof data.date === 'string'
  );
}

async function applyUnitChange(db: AppDb, change: Change): Promise<void> {
  if (change.op === 'delete') {
    await db.adminUnits.delete(change.recordId);
    return;
  }
  const unit = adminUnitSchema.safeParse(change.data);
  if (unit.success) await db.adminUnits.put(unit.data);
}

export async function loadCursor(db: AppDb): Promise<string | null> {
  const row = await db.meta.get(SYNC_CURSOR_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}
