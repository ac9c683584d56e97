import { useEffect, useState } from 'react';
import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import { useAppDb } from '../../../db/app-db-context';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { fetchPhoto } from '../http/photo-http';
import { thumbnailOf } from '../model/attach-photo';
import { cacheFetchedPhoto, keepThumb, loadPhoto, loadThumb } from '../store/photo-store';

export type PhotoUrlState = 'loading' | 'ready' | 'missing' | 'error';

/**
 * An object URL of a photo's thumbnail (`thumb`) or of the photo itself (`full`), from this
 * phone's copy; a photo of another phone's record is fetched from the server when `fetch` is
 * set, once, and kept. The URL is revoked when the component goes, so 50 list rows do not pin
 * their images in memory.
 */
export function usePhotoUrl(
  photo: Pick<ActivityPhoto, 'sha256' | 'mime'>,
  activityId: string,
  kind: 'thumb' | 'full',
  fetchIfMissing: boolean,
): { url: string | null; state: PhotoUrlState } {
  const db = useAppDb();
  const api = useAuthorizedApi();
  const [shown, setShown] = useState<{ url: string | null; state: PhotoUrlState }>({
    url: null,
    state: 'loading',
  });
  const { sha256, mime } = photo;

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    const show = (bytes: ArrayBuffer, type: string) => {
      if (cancelled) return;
      url = URL.createObjectURL(new Blob([bytes], { type }));
      setShown({ url, state: 'ready' });
    };
    (async () => {
      if (kind === 'thumb') {
        const thumb = await loadThumb(db, sha256);
        if (thumb) return show(thumb.bytes, thumb.mime);
      }
      let stored = await loadPhoto(db, sha256);
      if (!stored) {
        if (!fetchIfMissing) return !cancelled && setShown({ url: null, state: 'missing' });
        const fetched = await fetchPhoto(api, sha256);
        await cacheFetchedPhoto(db, activityId, { sha256, ...fetched });
        stored = await loadPhoto(db, sha256);
        if (!stored) return !cancelled && setShown({ url: null, state: 'missing' });
      }
      if (kind === 'full') return show(stored.bytes, stored.mime);
      const thumb = await thumbnailOf(stored.bytes, stored.mime);
      if (thumb) {
        await keepThumb(db, sha256, thumb);
        return show(thumb, 'image/jpeg');
      }
      return show(stored.bytes, stored.mime);
    })().catch(() => !cancelled && setShown({ url: null, state: 'error' }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, api, sha256, mime, activityId, kind, fetchIfMissing]);

  return shown;
}
