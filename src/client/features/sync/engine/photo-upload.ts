import type { PhotoUploadStatus } from '../../../../shared/photos/photo-upload-protocol';

// Resumable upload of one photo (docs/sync-protocol.md, "Photos"): ask the server what it has,
// then send the rest in chunks, each starting where the server's copy ends. A cut connection
// costs at most the part of one chunk that had not arrived.

/** Small enough that a cut loses little and progress moves; large enough that headers are ~1 %. */
export const PHOTO_CHUNK_BYTES = 64 * 1024;

/** The server's copy does not end where the chunk started; `offset` is where it does. */
export class UploadOffsetError extends Error {
  constructor(readonly offset: number) {
    super(`upload offset mismatch, server has ${offset}`);
    this.name = 'UploadOffsetError';
  }
}

/** The server hashed the complete upload and it did not match: it discarded it. */
export class PhotoHashMismatchError extends Error {
  constructor() {
    super('photo hash mismatch');
    this.name = 'PhotoHashMismatchError';
  }
}

export interface PhotoTransport {
  status(sha256: string): Promise<PhotoUploadStatus>;
  /** Appends `chunk` at `offset`; throws UploadOffsetError / PhotoHashMismatchError / ApiError. */
  send(
    sha256: string,
    chunk: ArrayBuffer,
    offset: number,
    total: number,
  ): Promise<PhotoUploadStatus>;
}

export async function uploadPhoto(
  transport: PhotoTransport,
  photo: { sha256: string; bytes: ArrayBuffer },
  onProgress: (sent: number, total: number) => void = () => {},
  chunkBytes = PHOTO_CHUNK_BYTES,
): Promise<void> {
  const total = photo.bytes.byteLength;
  let status = await transport.status(photo.sha256);
  let restarts = 0;
  let stalls = 0;
  while (!status.stored) {
    // A server that keeps answering without taking bytes must not loop forever.
    if (stalls > 5) throw new Error('photo upload makes no progress');
    onProgress(status.offset, total);
    const offset = status.offset;
    const before = offset;
    const chunk = photo.bytes.slice(offset, Math.min(total, offset + chunkBytes));
    try {
      status = await transport.send(photo.sha256, chunk, offset, total);
    } catch (error) {
      if (error instanceof UploadOffsetError) {
        status = { ...status, offset: error.offset };
      } else if (error instanceof PhotoHashMismatchError && restarts === 0) {
        // Bytes damaged on the way (a proxy?): one clean retry from the start.
        restarts += 1;
        status = { ...status, offset: 0 };
      } else {
        throw error;
      }
    }
    stalls = status.offset > before || status.stored ? 0 : stalls + 1;
  }
  onProgress(total, total);
}
