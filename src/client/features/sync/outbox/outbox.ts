import type { Activity } from '../../../../shared/activity/activity.schema';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import type { CommuneMapped, MutationResult } from '../../../../shared/sync/sync-protocol';
import { V } from '../../../../shared/validation/messages';
import type { AppDb, OutboxEntry, SyncNotice } from '../../../db/app-db';

// The only writer of the outbox and of the sync notices: queueing a mutation, and the
// bookkeeping of what the server answered. Every function runs inside the caller's rw
// transaction (which must include outboxTables), so a record and its queued mutation are
// written together or not at all.

/** Tables a rw transaction must include to call the writers below. */
export function outboxTables(db: AppDb) {
  return [db.outbox, db.syncNotices];
}

export interface NewMutation {
  recordId: string;
  op: 'upsert' | 'delete';
  /** The server rev the change was made on; null for a record the server has not seen. */
  baseRev: number | null;
  data: Activity | null;
  clientTime: string;
}

/** Queues one mutation for the next push. */
export function enqueueMutation(db: AppDb, mutation: NewMutation): Promise<number> {
  const entry: OutboxEntry = {
    mutationId: uuidv7(),
    ...mutation,
    status: 'pending',
    attempts: 0,
    lastError: null,
  };
  // Dexie's promise itself (no async wrapper), so the caller's transaction carries over.
  return db.outbox.add(entry);
}

/**
 * Entries from a backup file ("Khôi phục"), added under their own mutation ids in their own
 * order unless already queued here, so the server takes them as it would from the phone that
 * made them (a mutation id it has seen is a duplicate, never a second change). A refusal is
 * not carried over: the entry is sent again and the server's answer, and its notice, come back.
 * Returns the entries added.
 */
export async function restoreOutboxEntries(
  db: AppDb,
  entries: readonly OutboxEntry[],
): Promise<OutboxEntry[]> {
  const added: OutboxEntry[] = [];
  for (const entry of entries) {
    if ((await db.outbox.where('mutationId').equals(entry.mutationId).count()) > 0) continue;
    const restored: OutboxEntry = {
      mutationId: entry.mutationId,
      recordId: entry.recordId,
      op: entry.op,
      baseRev: entry.baseRev,
      data: entry.data,
      clientTime: entry.clientTime,
      status: 'pending',
      attempts: 0,
      lastError: null,
    };
    await db.outbox.add(restored);
    added.push(restored);
  }
  return added;
}

/**
 * A refused mutation is superseded by the next save of the same record (which carries the
 * whole record again), so the refusal and its notice go. Returns how many entries went, by
 * which the record's count of pending mutations drops.
 */
export async function supersedeRejected(db: AppDb, recordId: string): Promise<number> {
  const keys = await db.outbox
    .where('recordId')
    .equals(recordId)
    .filter((e) => e.status === 'rejected')
    .primaryKeys();
  if (keys.length === 0) return 0;
  await db.outbox.bulkDelete(keys);
  await db.syncNotices
    .where('recordId')
    .equals(recordId)
    .filter((n) => n.kind === 'rejected')
    .delete();
  return keys.length;
}

/**
 * The oldest pending entries, in the order they were queued, except those of `heldRecords`
 * (records waiting for photos this sync cannot deliver: none of their changes may overtake).
 */
export function pendingEntries(
  db: AppDb,
  limit: number,
  heldRecords: ReadonlySet<string> = new Set(),
): Promise<OutboxEntry[]> {
  const pending = db.outbox.where('status').equals('pending');
  if (heldRecords.size === 0) return pending.limit(limit).toArray();
  return pending
    .filter((e) => !heldRecords.has(e.recordId))
    .limit(limit)
    .toArray();
}

/** Calls `visit` with every pending entry, one at a time (never the whole outbox in memory). */
export function eachPendingEntry(db: AppDb, visit: (entry: OutboxEntry) => void): Promise<void> {
  return db.outbox.where('status').equals('pending').each(visit);
}

export function countPending(db: AppDb): Promise<number> {
  return db.outbox.where('status').equals('pending').count();
}

export function countRejected(db: AppDb): Promise<number> {
  return db.outbox.where('status').equals('rejected').count();
}

/** The entry still queued under this mutation id, if its answer was not recorded yet. */
export function queuedEntry(db: AppDb, mutationId: string): Promise<OutboxEntry | undefined> {
  return db.outbox.where('mutationId').equals(mutationId).first();
}

/** Entries of the same record queued after this one (the officer changed it again). */
export async function laterEntries(db: AppDb, entry: OutboxEntry): Promise<OutboxEntry[]> {
  const all = await db.outbox.where('recordId').equals(entry.recordId).toArray();
  return all.filter((e) => (e.seq ?? 0) > (entry.seq ?? 0));
}

/** The server acknowledged the entry: only now may it leave the outbox. */
export async function removeAcknowledged(db: AppDb, entry: OutboxEntry): Promise<void> {
  await db.outbox.delete(entry.seq!);
}

/** A failed or unanswered attempt: the entry stays queued, with the reason kept. */
export async function noteAttempt(db: AppDb, entry: OutboxEntry, error: string): Promise<void> {
  if (entry.seq === undefined) return;
  await db.outbox.update(entry.seq, { attempts: entry.attempts + 1, lastError: error });
}

/** The server (or the client, for an oversized record) refused the entry; tell the officer. */
export async function markRejected(
  db: AppDb,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'rejected' }>,
  recordTitle: string,
  at: string,
): Promise<void> {
  await db.outbox.update(entry.seq!, {
    status: 'rejected',
    attempts: entry.attempts + 1,
    lastError: result.reason,
    rejection: { reason: result.reason, errors: result.errors },
  });
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
    recordTitle,
    reason: result.reason,
    reasonCode: result.code,
    ...(result.params ? { reasonParams: result.params } : {}),
    errors: result.errors,
    createdAt: at,
  };
  await db.syncNotices.add(notice);
}

/**
 * The server stored the record under the commune its old one became (the record is dated after
 * a reorganisation but named a retired commune): tell the officer, once per mutation.
 */
export async function addMappedNotice(
  db: AppDb,
  entry: OutboxEntry,
  mapped: CommuneMapped,
  recordTitle: string,
  at: string,
): Promise<void> {
  await db.syncNotices.add({
    id: uuidv7(),
    kind: 'mapped',
    recordId: entry.recordId,
    mutationId: entry.mutationId,
    recordTitle,
    mapped: { fromName: mapped.fromName, toName: mapped.toName },
    createdAt: at,
  });
}

/**
 * The account's unit changed (an administrator moved it): mutations the server refused because
 * their commune lay outside the old unit are queued again, in their order, under their own ids
 * (the server stored nothing of a refused mutation and judges it afresh). Their refusal notices
 * go. Returns how many were queued again.
 */
export async function requeueScopeRefusals(db: AppDb): Promise<number> {
  const refused = await db.outbox
    .where('status')
    .equals('rejected')
    .filter((e) => e.rejection?.errors.some((x) => x.code === V.unitNotAllowed) ?? false)
    .toArray();
  for (const entry of refused) {
    await db.outbox.update(entry.seq!, {
      status: 'pending',
      lastError: null,
      rejection: undefined,
    });
    await db.syncNotices
      .where('recordId')
      .equals(entry.recordId)
      .filter((n) => n.kind === 'rejected' && n.mutationId === entry.mutationId)
      .delete();
  }
  return refused.length;
}

/** An administrator moved the account to another unit (seen in a pull): tell the officer. */
export async function addMovedNotice(
  db: AppDb,
  moved: { fromName: string; toName: string },
  at: string,
): Promise<void> {
  await db.syncNotices.add({
    id: uuidv7(),
    kind: 'moved',
    recordId: '',
    mutationId: '',
    recordTitle: '',
    moved,
    createdAt: at,
  });
}

/** The server merged the entry with another device's change; say which fields. */
export async function addConflictNotice(
  db: AppDb,
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'conflict' }>,
  recordTitle: string,
  at: string,
): Promise<void> {
  await db.syncNotices.add({
    id: uuidv7(),
    kind: 'conflict',
    recordId: entry.recordId,
    mutationId: entry.mutationId,
    recordTitle,
    conflicts: result.conflicts,
    createdAt: at,
  });
}
