import type { PhotoMimeType } from '../../shared/photos/photo-limits';
import type { AppDb, LocalActivity, OutboxEntry, StoredPhoto } from './app-db';
import type { Flag, FormDraft } from './app-db-schema';

// The one writer of `photos` and `photoThumbs` (test/architecture.test.ts). Each function runs
// in the caller's rw transaction (which must include the tables named below), so a record, its
// outbox entry and its photos' bytes are stored together or not at all.
//
// Rows are rewritten whole (put), not patched with update(): Dexie's update deep-clones the row
// itself, and an ArrayBuffer from another realm came out of it as a plain object (jsdom).
//
// Life of the bytes: stored at attach time (so a draft keeps its photos across a reload), linked
// to the record in the save's transaction, marked `onServer` once uploaded, and removed only when
// no record, queued change or draft on this phone lists the photo any more — which is checked
// when the server acknowledges a change, so nothing goes before the server has its answer.

/** Bytes of one compressed photo and its thumbnail, as the attach step made them. */
export interface PhotoBytes {
  sha256: string;
  mime: PhotoMimeType;
  bytes: ArrayBuffer;
  /** A small JPEG for lists; absent when none could be made. */
  thumb?: ArrayBuffer;
}

/** Tables a rw transaction must include to store or mark photos. */
export function photoTables(db: AppDb) {
  return [db.photos, db.photoThumbs];
}

/** Tables a rw transaction must include to call releaseUnreferencedPhotos(). */
export function photoReleaseTables(db: AppDb) {
  return [...photoTables(db), db.activities, db.outbox, db.formDrafts];
}

/**
 * Keeps the bytes of photos `activityId` lists (or will list: a draft). A photo already here keeps
 * its bytes and upload state (the same hash is the same file) and gains the activity as a user.
 */
export async function storePhotoBytes(
  db: AppDb,
  activityId: string,
  photos: readonly PhotoBytes[],
  options: { at?: string; onServer?: Flag } = {},
): Promise<void> {
  const at = options.at ?? new Date().toISOString();
  for (const photo of photos) {
    const existing = await db.photos.get(photo.sha256);
    if (existing) {
      const activityIds = existing.activityIds.includes(activityId)
        ? existing.activityIds
        : [...existing.activityIds, activityId];
      const onServer: Flag = existing.onServer || options.onServer ? 1 : 0;
      await db.photos.put({ ...existing, activityIds, onServer });
    } else {
      await db.photos.add({
        sha256: photo.sha256,
        mime: photo.mime,
        bytes: photo.bytes,
        activityIds: [activityId],
        onServer: options.onServer ?? 0,
        storedAt: at,
      });
    }
    if (photo.thumb && !(await db.photoThumbs.get(photo.sha256))) {
      await db.photoThumbs.put({ sha256: photo.sha256, mime: 'image/jpeg', bytes: photo.thumb });
    }
  }
}

/**
 * Marks the photos as used by the record; returns the hashes that have no bytes on this phone
 * (the caller decides whether that is fine: a photo another phone uploaded is on the server).
 */
export async function linkPhotos(
  db: AppDb,
  activityId: string,
  hashes: readonly string[],
): Promise<string[]> {
  const missing: string[] = [];
  for (const sha256 of hashes) {
    const row = await db.photos.get(sha256);
    if (!row) missing.push(sha256);
    else if (!row.activityIds.includes(activityId)) {
      await db.photos.put({ ...row, activityIds: [...row.activityIds, activityId] });
    }
  }
  return missing;
}

/** The server has these photos (it said `stored`): never upload them again. */
export async function markPhotosOnServer(db: AppDb, hashes: readonly string[]): Promise<void> {
  for (const sha256 of hashes) {
    const row = await db.photos.get(sha256);
    if (row && row.onServer === 0) await db.photos.put({ ...row, onServer: 1 });
  }
}

/** Stores a thumbnail made later (for a photo fetched from the server). */
export async function storePhotoThumb(
  db: AppDb,
  sha256: string,
  bytes: ArrayBuffer,
): Promise<void> {
  await db.photoThumbs.put({ sha256, mime: 'image/jpeg', bytes });
}

/**
 * Drops the bytes of photos used by these activities that no record, queued change or draft on
 * this phone lists any more; returns their hashes. Called once the server acknowledged changes
 * of these records (or a draft was thrown away), never at save time: a photo removed from a
 * record stays until the server has taken the record without it.
 */
export async function releaseUnreferencedPhotos(
  db: AppDb,
  activityIds: readonly string[],
): Promise<string[]> {
  if (activityIds.length === 0) return [];
  const candidates = await db.photos.where('activityIds').anyOf(activityIds).toArray();
  const released: string[] = [];
  const uses = new Map<string, Promise<Set<string> | 'all'>>();
  const usesOf = (id: string) => {
    let found = uses.get(id);
    if (!found) {
      found = photosUsedBy(db, id);
      uses.set(id, found);
    }
    return found;
  };
  for (const photo of candidates) {
    const stillUsedBy: string[] = [];
    for (const id of photo.activityIds) {
      const used = await usesOf(id);
      if (used === 'all' || used.has(photo.sha256)) stillUsedBy.push(id);
    }
    if (stillUsedBy.length === 0) {
      await db.photos.delete(photo.sha256);
      await db.photoThumbs.delete(photo.sha256);
      released.push(photo.sha256);
    } else if (stillUsedBy.length !== photo.activityIds.length) {
      await db.photos.put({ ...photo, activityIds: stillUsedBy });
    }
  }
  return released;
}

/**
 * Every photo hash the record, its queued changes and its draft list on this phone; `all` while
 * a change of the record is unacknowledged (the server's copy may still list a photo the local
 * version dropped, and the change removing it may yet be refused).
 */
async function photosUsedBy(db: AppDb, activityId: string): Promise<Set<string> | 'all'> {
  const row: LocalActivity | undefined = await db.activities.get(activityId);
  if (row && row.localMeta.pendingMutations > 0) return 'all';
  const entries: OutboxEntry[] = await db.outbox.where('recordId').equals(activityId).toArray();
  if (entries.length > 0) return 'all';
  const hashes = new Set<string>();
  if (row && row.localMeta.deleted === 0) {
    for (const photo of row.photos ?? []) hashes.add(photo.sha256);
  }
  const draft: FormDraft | undefined = await db.formDrafts.get(activityId);
  for (const sha256 of draftPhotoHashes(draft)) hashes.add(sha256);
  return hashes;
}

/** The hashes a draft's unvalidated values list (anything malformed is ignored). */
export function draftPhotoHashes(draft: Pick<FormDraft, 'values'> | undefined): string[] {
  return listedHashes(draft?.values);
}

/** The photo hashes a record-like value lists (a queued record, a draft's values). */
export function listedHashes(value: unknown): string[] {
  const photos = (value as { photos?: unknown } | null | undefined)?.photos;
  if (!Array.isArray(photos)) return [];
  return photos
    .map((p) => (p as { sha256?: unknown } | null)?.sha256)
    .filter((s): s is string => typeof s === 'string');
}

/** Photos of records this phone must still upload: bytes here, not yet on the server. */
export function photosToUpload(db: AppDb, hashes: readonly string[]): Promise<StoredPhoto[]> {
  return db.photos
    .where('sha256')
    .anyOf([...hashes])
    .filter((p) => p.onServer === 0)
    .toArray();
}
