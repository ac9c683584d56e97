import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import { PhotoThumb } from './photo-thumb';

/**
 * The record's photos on the detail screen: thumbnails (a photo of another phone's record is
 * fetched from the server when shown, once, and kept); a tap shows the photo itself.
 */
export function PhotoGallery({
  activityId,
  photos,
}: {
  activityId: string;
  photos: readonly ActivityPhoto[];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  if (photos.length === 0) return null;
  return (
    <section className="card" aria-labelledby="detail-photos" data-testid="photo-gallery">
      <h2 id="detail-photos">
        {t('photos.title')} ({t('photos.count', { count: photos.length })})
      </h2>
      <ul className="photo-list">
        {photos.map((photo) => (
          <li key={photo.sha256} className="photo-item" data-testid="photo-item">
            <button
              type="button"
              className="photo-button"
              aria-expanded={open === photo.sha256}
              onClick={() => setOpen(open === photo.sha256 ? null : photo.sha256)}
            >
              <PhotoThumb photo={photo} activityId={activityId} fetchIfMissing />
            </button>
            <div>
              {photo.signedSheet && <span className="badge">{t('photos.signedSheetShort')}</span>}
              {photo.caption && <p>{photo.caption}</p>}
              {photo.capturedAt && <p className="hint">{formatIsoDateTime(photo.capturedAt)}</p>}
            </div>
            {open === photo.sha256 && (
              <PhotoThumb photo={photo} activityId={activityId} full fetchIfMissing />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
