import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import type { PhotoBytes } from '../../../db/photo-write';
import { sha256Hex } from '../../../lib/sha256';
import { compressOffMainThread } from './compress-off-main-thread';
import { PhotoCompressError } from './compress-photo';

/** Larger files are not even decoded: a cheap phone would run out of memory first. */
export const MAX_INPUT_BYTES = 40 * 1024 * 1024;

export type AttachRefusal = 'notImage' | 'tooLarge' | 'inputTooLarge';

export class AttachRefusedError extends Error {
  constructor(
    readonly reason: AttachRefusal,
    readonly fileName: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = 'AttachRefusedError';
  }
}

export interface AttachedPhoto {
  meta: ActivityPhoto;
  bytes: PhotoBytes;
}

/**
 * Compresses a picked file off the main thread and names it by the SHA-256 of the result. What
 * cannot become an evidence photo is refused here, at attach time, with the reason — never
 * dropped silently later.
 */
export async function preparePhoto(
  file: File,
  options: { keepLocation: boolean; now?: Date },
): Promise<AttachedPhoto> {
  if (file.size > MAX_INPUT_BYTES) throw new AttachRefusedError('inputTooLarge', file.name);
  if (file.type && !file.type.startsWith('image/')) {
    throw new AttachRefusedError('notImage', file.name);
  }
  let compressed;
  try {
    compressed = await compressOffMainThread({
      file,
      lastModified: file.lastModified,
      keepLocation: options.keepLocation,
    });
  } catch (error) {
    if (error instanceof PhotoCompressError) throw new AttachRefusedError(error.reason, file.name);
    throw error;
  }
  const sha256 = await sha256Hex(compressed.bytes);
  const meta: ActivityPhoto = {
    sha256,
    mime: compressed.mime,
    size: compressed.bytes.byteLength,
    width: compressed.width,
    height: compressed.height,
    caption: '',
    signedSheet: false,
    ...(compressed.capturedAt ? { capturedAt: compressed.capturedAt } : {}),
    ...(compressed.location ? { location: compressed.location } : {}),
    addedAt: (options.now ?? new Date()).toISOString(),
  };
  return {
    meta,
    bytes: {
      sha256,
      mime: compressed.mime,
      bytes: compressed.bytes,
      ...(compressed.thumb ? { thumb: compressed.thumb } : {}),
    },
  };
}

/** A thumbnail for bytes that came without one (a photo fetched from the server). */
export async function thumbnailOf(bytes: ArrayBuffer, mime: string): Promise<ArrayBuffer | null> {
  try {
    const made = await compressOffMainThread({
      file: new Blob([bytes], { type: mime }),
      lastModified: 0,
      keepLocation: false,
    });
    return made.thumb ?? null;
  } catch {
    return null;
  }
}
