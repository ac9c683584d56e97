import type { Activity } from '../../../../shared/activity/activity.schema';
import { activityTitle } from '../../../../shared/activity/activity-factory';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import type { MutationResult } from '../../../../shared/sync/sync-protocol';
import { activityOf, localRowOf, searchRowOf } from '../../../db/activity-search';
import type { AppDb, LocalActivity, OutboxEntry, SyncNotice } from '../../../db/app-db';
import { putSearchRows } from '../../../db/search-index';

export interface PushOutcome {
  acknowledged: number;
  conflicts: number;
  rejected: number;
  /** Mutations of the batch the server did not answer for (retried later). */
  unanswered: number;
}

/**
 * Records the server's answers for one pushed batch in ONE local transaction. An outbox entry
 * goes only when the server acknowledged it; the acknowledged rev is kept with the record.
 */
export async function applyPushResults(
  db: AppDb,
  batch: readonly OutboxEntry[],
  results: readonly MutationResult[],
  now: () => string = () => new Date().toISOString(),
): Promise<PushOutcome> {
  const outcome: PushOutcome = { acknowledged: 0, conflicts: 0, rejected: 0, unanswered: 0 };
  const bySentId = new Map(batch.map((e) => [e.mutationId, e]));
  await db.transaction(
    'rw',
    [db.activities, db.activitySearch, db.meta, db.outbox, db.syncNotices, db.adminUnits],
    async () => {
      const answered = new Set<string>();
      for (const result of results) {
        if (!bySentId.has(result.mutationId)) continue;
        const entry = await db.outbox.where('mutationId').equals(result.mutationId).first();
        if (!entry) continue; // already recorded (a second answer for the same mutation)
        answered.add(result.mutationId);
        if (result.status === 'rejected') {
          await recordRejection(db, entry, result, now());
          outcome.rejected += 1;
        } else {
          await recordAcknowledgement(db, entry, result, now());
          if (result.status === 'conflict' && result.conflicts.length > 0) outcome.conflicts += 1;
          outcome.acknowledged += 1;
        }
      }
      for (const entry of batch) {
        if (answered.has(entry.mutationId) || entry.seq === undefined) continue;
        outcome.unanswered += 1;
        await db.outbox.update(entry.seq, {
          attempts: entry.attempts + 1,
          lastError: 'No answer for this mutation',
        });
      }
    },
  );
  return outcome;
}

async function recordAcknowledgement(
  db: AppDb,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'applied' | 'duplicate' | 'conflict' }>,
  at: string,
): Promise<void> {
  await db.outbox.delete(entry.seq!);
  const row = await db.activities.get(entry.recordId);
  if (!row) return;
  const pending = Math.max(0, row.localMeta.pendingMutations - 1);
  if (result.status === 'conflict' && result.conflicts.length > 0) {
    await addConflictNotice(db, row, entry, result, at);
  }
  const ackRev = Math.max(row.localMeta.serverRev ?? -1, result.rev);
  // What the server stored when it merged this write with another device's (else undefined).
  const mergedData = result.status === 'duplicate' ? undefined : result.data;

  if ((await laterEntries(db, entry)).length > 0) {
    // The officer changed the record again meanwhile: keep their version. After a merge, keep
    // the old server rev as the base of future saves, so the server merges them against this
    // device's own writes and keeps what the other device changed (never a blind overwrite).
    // Otherwise later entries keep the baseRev they were saved with; the server bases them on
    // this device's own latest write (docs/sync-protocol.md, Conflicts).
    const serverRev = mergedData !== undefined ? row.localMeta.serverRev : ackRev;
    await putRow(db, {
      ...row,
      localMeta: { ...row.localMeta, serverRev, pendingMutations: pending },
    });
    return;
  }

  // This was the officer's latest change: the server's version is now the one to show.
  const merged = (mergedData ?? null) as Activity | null;
  let next: LocalActivity =
    merged && typeof merged === 'object'
      ? await rowFromServer(db, merged, result.rev, pending)
      : { ...row, localMeta: { ...row.localMeta, serverRev: ackRev, pendingMutations: pending } };
  if (pending === 0) {
    const stash = row.localMeta.remote;
    if (stash && stash.rev >= (next.localMeta.serverRev ?? -1)) {
      // A pull passed the server's version of this change, or a newer one, while the change was
      // in flight (its answer was lost, so it came back as a duplicate): that version already
      // contains this change. Equal revs matter too: a duplicate's answer carries only the rev,
      // so when the first delivery was merged with another phone's edit, the pulled copy at that
      // rev is the only place this phone sees the merged record.
      next = stash.data
        ? await rowFromServer(db, stash.data, stash.rev, 0)
        : {
            ...row,
            localMeta: { ...row.localMeta, deleted: 1, serverRev: stash.rev, pendingMutations: 0 },
          };
    }
    const { remote: _done, ...localMeta } = next.localMeta;
    void _done;
    next = { ...next, localMeta };
  }
  await putRow(db, next);
}

async function rowFromServer(
  db: AppDb,
  data: Activity,
  rev: number,
  pending: number,
): Promise<LocalActivity> {
  const commune = await db.adminUnits.get(data.communeCode);
  return localRowOf(data, commune?.name, { serverRev: rev, pendingMutations: pending, deleted: 0 });
}

async function recordRejection(
  db: AppDb,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'rejected' }>,
  at: string,
): Promise<void> {
  await db.outbox.update(entry.seq!, {
    status: 'rejected',
    attempts: entry.attempts + 1,
    lastError: result.reason,
    rejection: { reason: result.reason, errors: result.errors },
  });
  const row = await db.activities.get(entry.recordId);
  await db.syncNotices
    .where('recordId')
    .equals(entry.recordId)
    .filter((n) => n.mutationId === entry.mutationId)
    .delete();
  const notice: SyncNotice = {
    id: uuidv7(),
    kind: 'rejected',
    recordId: entry.recordId,
    mutationId: entry.mutationId,
    recordTitle: titleOf(row, entry),
    reason: result.reason,
    errors: result.errors,
    createdAt: at,
  };
  await db.syncNotices.add(notice);
}

async function addConflictNotice(
  db: AppDb,
  row: LocalActivity,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'conflict' }>,
  at: string,
): Promise<void> {
  await db.syncNotices.add({
    id: uuidv7(),
    kind: 'conflict',
    recordId: entry.recordId,
    mutationId: entry.mutationId,
    recordTitle: titleOf(row, entry),
    conflicts: result.conflicts,
    createdAt: at,
  });
}

async function laterEntries(db: AppDb, entry: OutboxEntry): Promise<OutboxEntry[]> {
  const all = await db.outbox.where('recordId').equals(entry.recordId).toArray();
  return all.filter((e) => (e.seq ?? 0) > (entry.seq ?? 0));
}

async function putRow(db: AppDb, row: LocalActivity): Promise<void> {
  await db.activities.put(row);
  await putSearchRows(db, [searchRowOf(row, row.localMeta)]);
}

function titleOf(row: LocalActivity | undefined, entry: OutboxEntry): string {
  const activity = row ? activityOf(row) : (entry.data as Activity | null);
  return (activity && activityTitle(activity)) || '';
}
