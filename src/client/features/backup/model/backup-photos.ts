import type { AppDb, StoredPhoto } from '../../../db/app-db';
import type { PhotoThumb } from '../../../db/app-db-schema';
import { withReopen } from '../../../db/app-db';
import { linkPhotos, photoTables, storePhotoBytes } from '../../../db/photo-write';
import { sha256Hex } from '../../../lib/sha256';

// One photo in a backup file is one part (one sealed segment): its row without the bytes as
// JSON, then its bytes, then its thumbnail. Read from the database, sealed and dropped one at a
// time, so a phone with hundreds of photos never holds them all at once.

export const PHOTO_PART_PREFIX = 'photo:';

interface PhotoPartMeta {
  sha256: string;
  mime: StoredPhoto['mime'];
  activityIds: string[];
  onServer: StoredPhoto['onServer'];
  storedAt: string;
  thumbBytes: number;
}

export interface DecodedPhotoPart {
  meta: PhotoPartMeta;
  bytes: ArrayBuffer;
  thumb?: ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The part of one stored photo; null when it left the phone since the backup listed it. */
export async function readPhotoPart(db: AppDb, sha256: string): Promise<ArrayBuffer> {
  const [photo, thumb] = await withReopen(db, () =>
    Promise.all([db.photos.get(sha256), db.photoThumbs.get(sha256)]),
  );
  if (!photo) return new ArrayBuffer(0);
  return encodePhotoPart(photo, thumb);
}

function encodePhotoPart(photo: StoredPhoto, thumb: PhotoThumb | undefined): ArrayBuffer {
  const meta: PhotoPartMeta = {
    sha256: photo.sha256,
    mime: photo.mime,
    activityIds: photo.activityIds,
    onServer: photo.onServer,
    storedAt: photo.storedAt,
    thumbBytes: thumb?.bytes.byteLength ?? 0,
  };
  const json = encoder.encode(JSON.stringify(meta));
  const out = new Uint8Array(4 + json.length + photo.bytes.byteLength + meta.thumbBytes);
  new DataView(out.buffer).setUint32(0, json.length);
  out.set(json, 4);
  out.set(new Uint8Array(photo.bytes), 4 + json.length);
  if (thumb) out.set(new Uint8Array(thumb.bytes), 4 + json.length + photo.bytes.byteLength);
  return out.buffer;
}

/** The photo of a part, checked against its hash; null for a photo gone before the backup. */
export async function decodePhotoPart(part: ArrayBuffer): Promise<DecodedPhotoPart | null> {
  if (part.byteLength === 0) return null;
  const view = new DataView(part);
  const jsonLength = view.getUint32(0);
  const meta = JSON.parse(decoder.decode(new Uint8Array(part, 4, jsonLength))) as PhotoPartMeta;
  const start = 4 + jsonLength;
  const end = part.byteLength - meta.thumbBytes;
  const bytes = part.slice(start, end);
  if ((await sha256Hex(bytes)) !== meta.sha256) throw new Error('photo does not match its hash');
  return { meta, bytes, ...(meta.thumbBytes > 0 ? { thumb: part.slice(end) } : {}) };
}

/**
 * Stores a restored photo through the photos' one writer: a photo already here (same hash) keeps
 * its bytes and gains the file's records as users. Returns whether its bytes were new here.
 */
export async function restorePhoto(db: AppDb, photo: DecodedPhotoPart): Promise<boolean> {
  const [first, ...others] = photo.meta.activityIds;
  if (!first) return false; // used by nothing: it would be released at once
  return withReopen(db, () =>
    db.transaction('rw', photoTables(db), async () => {
      const existed = (await db.photos.where('sha256').equals(photo.meta.sha256).count()) > 0;
      await storePhotoBytes(
        db,
        first,
        [
          {
            sha256: photo.meta.sha256,
            mime: photo.meta.mime,
            bytes: photo.bytes,
            ...(photo.thumb ? { thumb: photo.thumb } : {}),
          },
        ],
        { at: photo.meta.storedAt, onServer: photo.meta.onServer },
      );
      for (const id of others) await linkPhotos(db, id, [photo.meta.sha256]);
      return !existed;
    }),
  );
}
