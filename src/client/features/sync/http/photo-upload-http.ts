import {
  PHOTO_CHUNK_CONTENT_TYPE,
  photoUploadStatusSchema,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  type PhotoUploadStatus,
} from '../../../../shared/photos/photo-upload-protocol';
import { PROBLEM_TYPES } from '../../../../shared/sync/sync-protocol';
import { RawBody, request, type AuthorizedConfig } from '../../../lib/http/api-client';
import { ApiError } from '../../../lib/http/api-error';
import {
  PhotoHashMismatchError,
  UploadOffsetError,
  type PhotoTransport,
} from '../engine/photo-upload';

// The resumable photo upload endpoints (docs/sync-protocol.md, "Photos"). Only the sync engine
// calls them, before it pushes the records that list the photos.

export function photoTransport(config: AuthorizedConfig): PhotoTransport {
  const path = (sha256: string) => `/api/photos/${sha256}/upload`;
  return {
    status: (sha256) =>
      request(config, 'GET', path(sha256), config.token, undefined, photoUploadStatusSchema),
    async send(sha256, chunk, offset, total): Promise<PhotoUploadStatus> {
      const body = new RawBody(chunk, PHOTO_CHUNK_CONTENT_TYPE, {
        [UPLOAD_OFFSET_HEADER]: String(offset),
        [UPLOAD_LENGTH_HEADER]: String(total),
      });
      try {
        return await request(
          config,
          'PATCH',
          path(sha256),
          config.token,
          body,
          photoUploadStatusSchema,
        );
      } catch (error) {
        if (error instanceof ApiError && error.problem?.type === PROBLEM_TYPES.uploadOffset) {
          const at = Number(error.problem.params?.offset);
          if (Number.isSafeInteger(at) && at >= 0) throw new UploadOffsetError(at);
        }
        if (error instanceof ApiError && error.problem?.type === PROBLEM_TYPES.photoHashMismatch) {
          throw new PhotoHashMismatchError();
        }
        throw error;
      }
    },
  };
}
