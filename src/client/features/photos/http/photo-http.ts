import { PHOTO_MIME_TYPES, type PhotoMimeType } from '../../../../shared/photos/photo-limits';
import { requestFile, type AuthorizedConfig } from '../../../lib/http/api-client';

/**
 * The bytes of a stored photo (`GET /api/photos/{sha256}`), for a record another phone made.
 * The server serves it only to those who may read a record listing it (403 otherwise).
 */
export async function fetchPhoto(
  config: AuthorizedConfig,
  sha256: string,
): Promise<{ bytes: ArrayBuffer; mime: PhotoMimeType }> {
  const { blob } = await requestFile(config, `/api/photos/${sha256}`, config.token);
  const type = blob.type.split(';')[0]!.trim() as PhotoMimeType;
  const mime = PHOTO_MIME_TYPES.includes(type) ? type : 'image/jpeg';
  return { bytes: await blob.arrayBuffer(), mime };
}
