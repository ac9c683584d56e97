import type { z } from 'zod';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { matchesTokens, searchTokens } from '../../../../shared/text/fold-diacritics';
import { messageKeyOf } from '../../../../shared/validation/field-errors';
import { localRowOf, searchRowOf } from '../../../db/activity-search';
import { newestMatches, putSearchRows, searchRows } from '../../../db/search-index';
import {
  withReopen,
  type ActivitySearchRow,
  type AppDb,
  type LocalActivity,
  type OutboxEntry,
} from '../../../db/app-db';

/** The record failed the shared schema; nothing was stored. `fieldErrors` carry message keys. */
export class ActivityValidationError extends Error {
  readonly fieldErrors: { path: string; messageKey: string }[];

  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`Activity is invalid: ${issues.map((i) => i.path.join('.')).join(', ')}`);
    this.name = 'ActivityValidationError';
    this.fieldErrors = issues.map((i) => ({
      path: i.path.map(String).join('.'),
      messageKey: messageKeyOf(i),
    }));
  }
}

export interface SaveOptions {
  /** Clock for tests; defaults to Date.now(). */
  now?: number;
}

/**
 * Validates and stores the activity, its outbox entry and the removal of its form draft in ONE
 * transaction: either the officer's record is saved and queued for the server, or nothing is.
 */
export async function saveActivity(
  db: AppDb,
  activity: Activity,
  options: SaveOptions = {},
): Promise<LocalActivity> {
  const stamp = new Date(options.now ?? Date.now()).toISOString();
  // The schema (and zod) load on the first save, not with the home screen: first-load budget.
  const { activitySchema } = await import('../../../../shared/activity/activity.schema');
  const parsed = activitySchema.safeParse({ ...activity, updatedAt: stamp });
  if (!parsed.success) throw new ActivityValidationError(parsed.error.issues);
  const record = parsed.data;

  const saved = await withReopen(db, () =>
    db.transaction(
      'rw',
      [
        db.activities,
        db.activitySearch,
        db.meta,
        db.outbox,
        db.formDrafts,
        db.adminUnits,
        db.syncNotices,
      ],
      async () => {
        const existing = await db.activities.get(record.id);
        const superseded = await dropRejected(db, record.id);
        const commune = await db.adminUnits.get(record.communeCode);
        const row = localRowOf(record, commune?.name, {
          serverRev: existing?.localMeta.serverRev ?? null,
          pendingMutations: (existing?.localMeta.pendingMutations ?? 0) - superseded + 1,
          deleted: 0,
          remote: existing?.localMeta.remote,
        });
        await db.activities.put(row);
        await putSearchRows(db, [searchRowOf(row, row.localMeta)]);
        await db.outbox.add(
          outboxEntry(record.id, 'upsert', row.localMeta.serverRev, record, stamp),
        );
        await db.formDrafts.delete(record.id);
        return row;
      },
    ),
  );
  db.notifyLocalChange();
  return saved;
}

/** Marks the record deleted locally and queues a delete; false if there was nothing to delete. */
export async function deleteActivity(
  db: AppDb,
  id: string,
  options: SaveOptions = {},
): Promise<boolean> {
  const stamp = new Date(options.now ?? Date.now()).toISOString();
  const deleted = await withReopen(db, () =>
    db.transaction(
      'rw',
      [db.activities, db.activitySearch, db.meta, db.outbox, db.formDrafts, db.syncNotices],
      async () => {
        const row = await db.activities.get(id);
        if (!row || row.localMeta.deleted) return false;
        const superseded = await dropRejected(db, id);
        row.localMeta = {
          ...row.localMeta,
          deleted: 1,
          pendingMutations: row.localMeta.pendingMutations - superseded + 1,
        };
        await db.activities.put(row);
        await putSearchRows(db, [searchRowOf(row, row.localMeta)]);
        await db.outbox.add(outboxEntry(id, 'delete', row.localMeta.serverRev, null, stamp));
        await db.formDrafts.delete(id);
        return true;
      },
    ),
  );
  if (deleted) db.notifyLocalChange();
  return deleted;
}

// A refused mutation is superseded by the next save of the same record (which carries the
// whole record again), so the refusal and its notice go; the count of pending entries drops.
async function dropRejected(db: AppDb, recordId: string): Promise<number> {
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

function outboxEntry(
  recordId: string,
  op: 'upsert' | 'delete',
  baseRev: number | null,
  data: Activity | null,
  clientTime: string,
): OutboxEntry {
  return {
    mutationId: uuidv7(),
    recordId,
    op,
    baseRev,
    data,
    clientTime,
    status: 'pending',
    attempts: 0,
    lastError: null,
  };
}

export async function getActivity(db: AppDb, id: string): Promise<LocalActivity | undefined> {
  const row = await withReopen(db, () => db.activities.get(id));
  return row && !row.localMeta.deleted ? row : undefined;
}

export interface ActivityListFilter {
  type?: ActivityType;
  /** 'YYYY-MM'. */
  month?: string;
  /** Words matched without diacritics or case, all of them, anywhere in the record's text. */
  query?: string;
  /** Page size; defaults to 100. */
  limit?: number;
  offset?: number;
}

/** Activities newest first (by activity date, then creation), deleted ones excluded. */
export async function listActivities(
  db: AppDb,
  filter: ActivityListFilter = {},
): Promise<LocalActivity[]> {
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 100;
  return withReopen(db, async () => {
    const ids = await matchingIds(db, filter, offset, limit);
    const rows = await db.activities.bulkGet(ids);
    return rows.filter((r): r is LocalActivity => r !== undefined);
  });
}

/** How many activities match the filter (for "N kết quả" and paging). */
export async function countActivities(
  db: AppDb,
  filter: Omit<ActivityListFilter, 'limit' | 'offset'> = {},
): Promise<number> {
  return withReopen(db, async () => (await matchingIds(db, filter, 0, Infinity)).length);
}

async function matchingIds(
  db: AppDb,
  filter: ActivityListFilter,
  offset: number,
  limit: number,
): Promise<string[]> {
  const tokens = searchTokens(filter.query ?? '');
  const { type, month } = filter;
  const keep = (r: ActivitySearchRow) =>
    r.deleted === 0 &&
    (type === undefined || r.type === type) &&
    (month === undefined || r.month === month) &&
    (tokens.length === 0 || matchesTokens(r.text, tokens));
  // A page right after start, while the in-memory index is still loading (see search-index).
  if (Number.isFinite(limit)) {
    const newest = await newestMatches(db, keep, offset + limit);
    if (newest) return newest.slice(offset).map((r) => r.id);
  }
  const hits: ActivitySearchRow[] = [];
  for (const r of await searchRows(db)) if (keep(r)) hits.push(r);
  hits.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  return hits.slice(offset, offset + limit).map((r) => r.id);
}

/** Records with changes the server has not acknowledged yet. */
export async function countUnsynced(db: AppDb): Promise<number> {
  return withReopen(db, () => db.activities.where('localMeta.pendingMutations').above(0).count());
}

/** Activities of a month by form, for the home screen. */
export async function summariseMonth(
  db: AppDb,
  month: string,
): Promise<Record<ActivityType, number>> {
  const counts = Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, 0])) as Record<
    ActivityType,
    number
  >;
  const rows = await withReopen(db, () => searchRows(db));
  for (const r of rows) if (r.deleted === 0 && r.month === month) counts[r.type] += 1;
  return counts;
}
