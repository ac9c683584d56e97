import type { AppDb } from '../../../db/app-db';
import { listedHashes, markPhotosOnServer, photoTables } from '../../../db/photo-write';
import type { AuthorizedConfig } from '../../../lib/http/api-client';
import { photoTransport } from '../http/photo-upload-http';
import { eachPendingEntry } from '../outbox/outbox';
import { ApiError } from '../../../lib/http/api-error';
import { PhotoHashMismatchError, uploadPhoto } from './photo-upload';

// Photos travel before the records that list them: the server acknowledges a record only once
// its photos are stored (docs/sync-protocol.md, "Photos"). One photo at a time, read from
// IndexedDB only when its turn comes, so twenty photos never sit in memory together.

/** Where the upload of this sync's photos is: photo `index` of `total`, `percent` of all bytes. */
export interface PhotoUploadProgress {
  index: number;
  total: number;
  percent: number;
  /** The photo being sent and how much of it the server has. */
  sha256: string;
  photoPercent: number;
}

export interface PhotoUploadOutcome {
  /** Photos the server has now (sent, or it had them already). */
  stored: Set<string>;
  /** Photos listed but whose bytes are not on this phone (nothing to send). */
  absent: Set<string>;
  /** Photos the server refused to store (not a photo, damaged bytes): sending again won't help. */
  refused: Set<string>;
}

/**
 * A refusal no retry can change (4xx but a lost session, which stops the sync, and a busy
 * server), or bytes that still did not hash to their name after a clean restart: it concerns
 * this photo only, so the other photos and every record not listing it still go.
 */
function refusedForGood(error: unknown): boolean {
  if (error instanceof PhotoHashMismatchError) return true;
  return error instanceof ApiError && !error.transient && error.kind !== 'unauthorized';
}

/** The photos that queued changes list and whose bytes this phone must still send. */
export async function photosToSend(db: AppDb): Promise<string[]> {
  const listed = new Set<string>();
  await eachPendingEntry(db, (entry) => {
    for (const sha256 of listedHashes(entry.data)) listed.add(sha256);
  });
  if (listed.size === 0) return [];
  const notSent = await db.photos.where('onServer').equals(0).primaryKeys();
  return notSent.filter((sha256) => listed.has(sha256));
}

/**
 * Sends the photos one after the other, each resumed from what the server already has; marks
 * each as on the server once it says `stored`. A failure (network cut) stops here and is thrown:
 * the next sync resumes at the server's offset.
 */
export async function uploadPhotos(
  db: AppDb,
  api: AuthorizedConfig,
  hashes: readonly string[],
  onProgress: (progress: PhotoUploadProgress | null) => void = () => {},
): Promise<PhotoUploadOutcome> {
  const outcome: PhotoUploadOutcome = { stored: new Set(), absent: new Set(), refused: new Set() };
  if (hashes.length === 0) return outcome;
  const transport = photoTransport(api);
  // Sizes first (keys and sizes only would need another index; a photo is at most 2 MiB, read
  // one at a time) so the percentage is of all bytes, not of photos.
  const sizes = new Map<string, number>();
  for (const sha256 of hashes) {
    const row = await db.photos.get(sha256);
    if (row) sizes.set(sha256, row.bytes.byteLength);
    else outcome.absent.add(sha256);
  }
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0) || 1;
  let doneBytes = 0;
  let index = 0;
  try {
    for (const [sha256, size] of sizes) {
      index += 1;
      const row = await db.photos.get(sha256);
      if (!row) {
        outcome.absent.add(sha256);
        continue;
      }
      try {
        await uploadPhoto(transport, { sha256, bytes: row.bytes }, (sent) =>
          onProgress({
            index,
            total: sizes.size,
            percent: Math.floor(((doneBytes + sent) * 100) / totalBytes),
            sha256,
            photoPercent: Math.floor((sent * 100) / Math.max(1, size)),
          }),
        );
      } catch (error) {
        if (!refusedForGood(error)) throw error; // a cut: the next sync resumes here
        console.error('The server refused a photo', sha256, error);
        outcome.refused.add(sha256);
        doneBytes += size;
        continue;
      }
      doneBytes += size;
      await db.transaction('rw', photoTables(db), () => markPhotosOnServer(db, [sha256]));
      outcome.stored.add(sha256);
    }
  } finally {
    onProgress(null);
  }
  return outcome;
}
