import type { Activity } from '../../../../shared/activity/activity.schema';
import { activityTitle } from '../../../../shared/activity/activity-factory';
import type { MutationResult } from '../../../../shared/sync/sync-protocol';
import { activityOf } from '../../../db/activity-search';
import type { AppDb, LocalActivity, OutboxEntry } from '../../../db/app-db';
import {
  activityWriteTables,
  rewriteActivityRows,
  writeActivities,
  type ActivityRowState,
  type ActivityWrite,
} from '../../../db/local-activity-write';
import { photoReleaseTables, releaseUnreferencedPhotos } from '../../../db/photo-write';
import {
  addConflictNotice,
  addMappedNotice,
  laterEntries,
  markRejected,
  noteAttempt,
  outboxTables,
  queuedEntry,
  removeAcknowledged,
} from '../outbox/outbox';

export interface PushOutcome {
  acknowledged: number;
  conflicts: number;
  rejected: number;
  /** Mutations of the batch the server did not answer for (retried later). */
  unanswered: number;
  /** Mutations the server holds back until it has their records' photos (still queued). */
  waiting: { mutationId: string; recordId: string; missingPhotos: string[] }[];
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
  const outcome: PushOutcome = {
    acknowledged: 0,
    conflicts: 0,
    rejected: 0,
    unanswered: 0,
    waiting: [],
  };
  const bySentId = new Map(batch.map((e) => [e.mutationId, e]));
  const tables = [...activityWriteTables(db), ...outboxTables(db), ...photoReleaseTables(db)];
  await db.transaction('rw', tables, async () => {
    const answered = new Set<string>();
    const acknowledged = new Set<string>();
    for (const result of results) {
      if (!bySentId.has(result.mutationId)) continue;
      const entry = await queuedEntry(db, result.mutationId);
      if (!entry) continue; // already recorded (a second answer for the same mutation)
      // Waiting for its photos: neither applied nor remembered; it stays queued, sent again.
      answered.add(result.mutationId);
      if (result.status === 'waiting') {
        const { mutationId, recordId, missingPhotos } = result;
        outcome.waiting.push({ mutationId, recordId, missingPhotos });
        continue;
      }
      if (result.status === 'rejected') {
        const row = await db.activities.get(entry.recordId);
        await markRejected(db, entry, result, titleOf(row, entry), now());
        outcome.rejected += 1;
      } else {
        await recordAcknowledgement(db, entry, result, now());
        acknowledged.add(entry.recordId);
        if (result.status === 'conflict' && result.conflicts.length > 0) outcome.conflicts += 1;
        outcome.acknowledged += 1;
      }
    }
    for (const entry of batch) {
      if (answered.has(entry.mutationId) || entry.seq === undefined) continue;
      outcome.unanswered += 1;
      await noteAttempt(db, entry, 'No answer for this mutation');
    }
    // Photos the acknowledged versions no longer list (removed, or the record deleted) leave the
    // phone only now that the server has the change; the server keeps its copy.
    if (acknowledged.size > 0) await releaseUnreferencedPhotos(db, [...acknowledged]);
  });
  return outcome;
}

async function recordAcknowledgement(
  db: AppDb,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'applied' | 'duplicate' | 'conflict' }>,
  at: string,
): Promise<void> {
  await removeAcknowledged(db, entry);
  const row = await db.activities.get(entry.recordId);
  if (!row) return;
  const pending = Math.max(0, row.localMeta.pendingMutations - 1);
  if (result.status === 'conflict' && result.conflicts.length > 0) {
    await addConflictNotice(db, entry, result, titleOf(row, entry), at);
  }
  // A duplicate says `mapped` too (its first answer was lost, so no notice was made for it).
  if (result.mapped) {
    await addMappedNotice(db, entry, result.mapped, titleOf(row, entry), at);
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
    await rewriteActivityRows(db, [
      { ...row, localMeta: { ...row.localMeta, serverRev, pendingMutations: pending } },
    ]);
    return;
  }

  // This was the officer's latest change: the server's version is now the one to show.
  const merged = (mergedData ?? null) as Activity | null;
  let next: ActivityWrite =
    merged && typeof merged === 'object'
      ? { activity: merged, state: fromServer(result.rev, pending) }
      : {
          activity: activityOf(row),
          state: { ...row.localMeta, serverRev: ackRev, pendingMutations: pending },
        };
  if (pending === 0) {
    const stash = row.localMeta.remote;
    if (stash && stash.rev >= (next.state.serverRev ?? -1)) {
      // A pull passed the server's version of this change, or a newer one, while the change was
      // in flight (its answer was lost, so it came back as a duplicate): that version already
      // contains this change. Equal revs matter too: a duplicate's answer carries only the rev,
      // so when the first delivery was merged with another phone's edit, the pulled copy at that
      // rev is the only place this phone sees the merged record.
      next = stash.data
        ? { activity: stash.data, state: fromServer(stash.rev, 0) }
        : {
            activity: activityOf(row),
            state: { ...row.localMeta, deleted: 1, serverRev: stash.rev, pendingMutations: 0 },
          };
    }
    const { remote: _done, ...state } = next.state;
    void _done;
    next = { ...next, state };
  }
  await writeActivities(db, [next]);
}

function fromServer(rev: number, pending: number): ActivityRowState {
  return { serverRev: rev, pendingMutations: pending, deleted: 0 };
}

function titleOf(row: LocalActivity | undefined, entry: OutboxEntry): string {
  const activity = row ? activityOf(row) : (entry.data as Activity | null);
  return (activity && activityTitle(activity)) || '';
}
