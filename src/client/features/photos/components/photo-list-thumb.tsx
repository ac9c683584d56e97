import { useTranslation } from 'react-i18next';
import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import { PhotoThumb } from './photo-thumb';

/**
 * The first photo of a list row, small, from a thumbnail on the phone only: a list never
 * downloads photos (50 rows on mobile data) — a record from another phone shows its count.
 */
export function PhotoListThumb({
  activityId,
  photos,
}: {
  activityId: string;
  photos: readonly ActivityPhoto[] | undefined;
}) {
  const { t } = useTranslation();
  const first = photos?.[0];
  if (!first) return null;
  return (
    <span className="activity-row__photo" title={t('photos.count', { count: photos.length })}>
      <PhotoThumb photo={first} activityId={activityId} size={48} />
      {photos.length > 1 && <span className="badge">{photos.length}</span>}
    </span>
  );
}
