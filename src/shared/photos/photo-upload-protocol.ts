import { z } from 'zod';
import { sha256HexSchema } from './photo.schema';

// Wire types of the resumable photo upload (docs/sync-protocol.md, "Photos").

/** Body type of an upload chunk (as in tus): raw bytes appended at `Upload-Offset`. */
export const PHOTO_CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';

/** What the server holds of one photo: `offset` bytes so far; `stored` once complete and verified. */
export const photoUploadStatusSchema = z.object({
  sha256: sha256HexSchema,
  offset: z.number().int().min(0),
  stored: z.boolean(),
});
export type PhotoUploadStatus = z.infer<typeof photoUploadStatusSchema>;
