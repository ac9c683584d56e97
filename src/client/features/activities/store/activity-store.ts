import type { z } from 'zod';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
import { foldDiacritics, searchTokens } from '../../../../shared/text/fold-diacritics';
import { viApp } from '../../../../shared/i18n/vi-app';
import { messageKeyOf } from '../../../../shared/validation/field-errors';
import { activityOf } from '../../../db/activity-search';
import { searchRows, tokensOccur } from '../../../db/search-index';
import {
  withReopen,
  type ActivitySearchRow,
  type AppDb,
  type LocalActivity,
} from '../../../db/app-db';
import { activityWriteTables, writeActivities } from '../../../db/local-activity-write';
import { linkPhotos, photoTables, storePhotoBytes, type PhotoBytes } from '../../../db/photo-write';
import { enqueueMutation, outboxTables, supersedeRejected } from '../../sync/outbox/outbox';

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

export interface SaveActivityOptions extends SaveOptions {
  /**
   * Bytes of photos the record lists that may not be on this phone yet (the attach step usually
   * stored them already, for the draft). Stored in the record's transaction.
   */
  photos?: readonly PhotoBytes[];
}

/**
 * The record lists a photo that is neither on this phone nor in its previous version (so not on
 * the server either): saving it would queue a change whose photo can never be delivered.
 */
export class PhotoBytesMissingError extends Error {
  constructor(readonly hashes: string[]) {
    super(`No bytes for photo(s) ${hashes.join(', ')}`);
    this.name = 'PhotoBytesMissingError';
  }
}

/**
 * Validates and stores the activity, its outbox entry and the removal of its form draft in ONE
 * transaction: either the officer's record is saved and queued for the server, or nothing is.
 */
export async function saveActivity(
  db: AppDb,
  activity: Activity,
  options: SaveActivityOptions = {},
): Promise<LocalActivity> {
  const stamp = new Date(options.now ?? Date.now()).toISOString();
  // The schema (and zod) load on the first save, not with the home screen: first-load budget.
  const { activitySchema } = await import('../../../../shared/activity/activity-record.schema');
  const parsed = activitySchema.safeParse({ ...activity, updatedAt: stamp });
  if (!parsed.success) throw new ActivityValidationError(parsed.error.issues);
  const record = parsed.data;
  const photoBytes = options.photos ? await verifiedPhotoBytes(options.photos) : [];

  const saved = await withReopen(db, () =>
    db.transaction(
      'rw',
      [...activityWriteTables(db), ...outboxTables(db), db.formDrafts, ...photoTables(db)],
      async () => {
        const existing = await db.activities.get(record.id);
        // Awaiting a helper that does no IndexedDB work (an empty list) let fake-indexeddb commit
        // the transaction under Dexie (PrematureCommitError): call the photo helpers only with work.
        if (photoBytes.length > 0) await storePhotoBytes(db, record.id, photoBytes, { at: stamp });
        const listed = (record.photos ?? []).map((p) => p.sha256);
        const before = new Set((existing?.photos ?? []).map((p) => p.sha256));
        const linked = listed.length > 0 ? await linkPhotos(db, record.id, listed) : [];
        const missing = linked.filter((h) => !before.has(h));
        if (missing.length > 0) throw new PhotoBytesMissingError(missing);
        const superseded = await supersedeRejected(db, record.id);
        const state = {
          serverRev: existing?.localMeta.serverRev ?? null,
          pendingMutations: (existing?.localMeta.pendingMutations ?? 0) - superseded + 1,
          deleted: 0 as const,
          remote: existing?.localMeta.remote,
        };
        const [row] = await writeActivities(db, [{ activity: record, state }]);
        await enqueueMutation(db, {
          recordId: record.id,
          op: 'upsert',
          baseRev: state.serverRev,
          data: record,
          clientTime: stamp,
        });
        await db.formDrafts.delete(record.id);
        return row!;
      },
    ),
  );
  db.notifyLocalChange();
  return saved;
}

// A hash is the photo's id on every device: bytes that do not hash to it would be refused by the
// server after the upload, long after the officer could still attach the photo again.
async function verifiedPhotoBytes(photos: readonly PhotoBytes[]): Promise<PhotoBytes[]> {
  const { sha256Hex } = await import('../../../lib/sha256');
  for (const photo of photos) {
    if ((await sha256Hex(photo.bytes)) !== photo.sha256) {
      throw new Error(`Photo bytes do not match their hash ${photo.sha256}`);
    }
  }
  return [...photos];
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
      [...activityWriteTables(db), ...outboxTables(db), db.formDrafts],
      async () => {
        const row = await db.activities.get(id);
        if (!row || row.localMeta.deleted) return false;
        const superseded = await supersedeRejected(db, id);
        const state = {
          ...row.localMeta,
          deleted: 1 as const,
          pendingMutations: row.localMeta.pendingMutations - superseded + 1,
        };
        await writeActivities(db, [{ activity: activityOf(row), state }]);
        await enqueueMutation(db, {
          recordId: id,
          op: 'delete',
          baseRev: row.localMeta.serverRev,
          data: null,
          clientTime: stamp,
        });
        await db.formDrafts.delete(id);
        return true;
      },
    ),
  );
  if (deleted) db.notifyLocalChange();
  return deleted;
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
  /** Where it happened (`${geographyId}|${communeCode}`): the communes of a unit, any geography. */
  places?: ReadonlySet<string>;
  /**
   * The forms' names in the language on screen: a word of the query may be in the form's name
   * rather than in the record ("doi thoai chinh sach" finds every policy dialogue). The
   * Vietnamese names always count.
   */
  typeNames?: Partial<Record<ActivityType, string>>;
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
  return withReopen(db, async () => (await matchingRows(db, filter)).length);
}

async function matchingIds(
  db: AppDb,
  filter: ActivityListFilter,
  offset: number,
  limit: number,
): Promise<string[]> {
  const hits = await matchingRows(db, filter);
  hits.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  return hits.slice(offset, offset + limit).map((r) => r.id);
}

/** The search rows the filter keeps, in no order. */
async function matchingRows(
  db: AppDb,
  filter: Omit<ActivityListFilter, 'limit' | 'offset'>,
): Promise<ActivitySearchRow[]> {
  const tokens = searchTokens(filter.query ?? '');
  const { type, month, places } = filter;
  const names = formNames(filter.typeNames);
  const keep = (r: ActivitySearchRow) =>
    r.deleted === 0 &&
    (places === undefined || (r.place !== undefined && places.has(r.place))) &&
    (type === undefined || r.type === type) &&
    (month === undefined || r.month === month) &&
    tokens.every((token) => r.text.includes(token) || names[r.type].includes(token));
  // A word found in no record and in no form's name: nothing can match (no row is read).
  const inTexts = tokens.filter((t) => !ACTIVITY_TYPES.some((type) => names[type].includes(t)));
  if (inTexts.length > 0 && (await tokensOccur(db, inTexts)) === false) return [];
  const hits: ActivitySearchRow[] = [];
  for (const r of await searchRows(db)) if (keep(r)) hits.push(r);
  return hits;
}

const VI_FORM_NAMES = Object.fromEntries(
  ACTIVITY_TYPES.map((t) => [t, foldDiacritics(viApp.activityType[t])]),
) as Record<ActivityType, string>;

/** Folded names of each form: Vietnamese, and the screen's language when another is given. */
function formNames(
  typeNames: Partial<Record<ActivityType, string>> | undefined,
): Record<ActivityType, string> {
  if (!typeNames) return VI_FORM_NAMES;
  return Object.fromEntries(
    ACTIVITY_TYPES.map((t) => [
      t,
      `${VI_FORM_NAMES[t]} \u0001 ${foldDiacritics(typeNames[t] ?? '')}`,
    ]),
  ) as Record<ActivityType, string>;
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
