import { withReopen, type AppDb, type PhotoThumb, type StoredPhoto } from '../../../db/app-db';
import {
  photoTables,
  storePhotoBytes,
  storePhotoThumb,
  type PhotoBytes,
} from '../../../db/photo-write';

// The photos feature's reads and writes of the local photo tables (written through
// db/photo-write.ts, their one writer).

/**
 * Keeps the bytes of a photo just attached in the form, before the record is saved, so the
 * draft (which lists it in its values) shows it again after a reload or a killed tab.
 */
export async function keepAttachedPhoto(
  db: AppDb,
  activityId: string,
  photo: PhotoBytes,
): Promise<void> {
  await withReopen(db, () =>
    db.transaction('rw', photoTables(db), () => storePhotoBytes(db, activityId, [photo])),
  );
}

/** A photo of another phone's record, fetched from the server: kept, never fetched again. */
export async function cacheFetchedPhoto(
  db: AppDb,
  activityId: string,
  photo: PhotoBytes,
): Promise<void> {
  await withReopen(db, () =>
    db.transaction('rw', photoTables(db), () =>
      storePhotoBytes(db, activityId, [photo], { onServer: 1 }),
    ),
  );
}

export async function keepThumb(db: AppDb, sha256: string, bytes: ArrayBuffer): Promise<void> {
  await withReopen(db, () =>
    db.transaction('rw', photoTables(db), () => storePhotoThumb(db, sha256, bytes)),
  );
}

export function loadThumb(db: AppDb, sha256: string): Promise<PhotoThumb | undefined> {
  return withReopen(db, () => db.photoThumbs.get(sha256));
}

export function loadPhoto(db: AppDb, sha256: string): Promise<StoredPhoto | undefined> {
  return withReopen(db, () => db.photos.get(sha256));
}

/** Hashes of photos on this phone the server does not have yet (keys only: no bytes read). */
export async function notUploadedHashes(db: AppDb): Promise<Set<string>> {
  return new Set(await db.photos.where('onServer').equals(0).primaryKeys());
}
