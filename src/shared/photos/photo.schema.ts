import { z } from 'zod';
import { V } from '../validation/messages';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_ACTIVITY,
  PHOTO_MAX_EDGE_PX,
  PHOTO_MIME_TYPES,
} from './photo-limits';

// Evidence photos ("ảnh minh chứng") as an activity record lists them. The bytes travel apart
// (docs/sync-protocol.md, "Photos"): a photo is named by the SHA-256 of its compressed bytes, so
// the same file is stored once and an upload of a hash the server has is a no-op.

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256HexSchema = z.string().regex(SHA256_HEX, { error: V.invalidValue });

/** Where the photo was taken; only kept when the officer allowed location for photos. */
export const photoLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).optional(),
});
export type PhotoLocation = z.infer<typeof photoLocationSchema>;

export const activityPhotoSchema = z.object({
  /** SHA-256 (lowercase hex) of the compressed bytes: the photo's id on every device. */
  sha256: sha256HexSchema,
  mime: z.enum(PHOTO_MIME_TYPES, { error: V.invalidValue }),
  size: z.number().int().min(1).max(MAX_PHOTO_BYTES, { error: V.invalidValue }),
  width: z.number().int().min(1).max(PHOTO_MAX_EDGE_PX),
  height: z.number().int().min(1).max(PHOTO_MAX_EDGE_PX),
  caption: z.string().trim().max(500, { error: V.tooLong }),
  /** The signed attendance sheet ("danh sách ký tên"), not a photo of the event. */
  signedSheet: z.boolean(),
  /** When the photo was taken (EXIF DateTimeOriginal, else the file's time), if known. */
  capturedAt: z.iso.datetime({ offset: true, error: V.invalidDate }).optional(),
  location: photoLocationSchema.optional(),
  /** When the officer attached it. */
  addedAt: z.iso.datetime({ offset: true, error: V.invalidDate }),
});
export type ActivityPhoto = z.infer<typeof activityPhotoSchema>;

export const activityPhotosSchema = z
  .array(activityPhotoSchema)
  .max(MAX_PHOTOS_PER_ACTIVITY, { error: V.tooMany })
  .superRefine((photos, ctx) => {
    const seen = new Set<string>();
    photos.forEach((photo, index) => {
      if (seen.has(photo.sha256)) {
        ctx.addIssue({ code: 'custom', message: V.duplicatePhoto, path: [index, 'sha256'] });
      }
      seen.add(photo.sha256);
    });
  });

/** The hashes a record references (its photos' ids). */
export function photoHashesOf(record: { photos?: readonly { sha256: string }[] }): string[] {
  return (record.photos ?? []).map((p) => p.sha256);
}
