import { useTranslation } from 'react-i18next';
import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import { usePhotoUrl } from '../hooks/use-photo-url';

/** A photo's thumbnail (or the photo, `full`), from this phone's copy or fetched once. */
export function PhotoThumb(props: {
  photo: ActivityPhoto;
  activityId: string;
  full?: boolean;
  fetchIfMissing?: boolean;
  size?: number;
}) {
  const { t } = useTranslation();
  const { photo, activityId } = props;
  const { url, state } = usePhotoUrl(
    photo,
    activityId,
    props.full ? 'full' : 'thumb',
    props.fetchIfMissing ?? false,
  );
  const alt = photo.caption || (photo.signedSheet ? t('photos.signedSheet') : t('photos.photo'));
  if (url) {
    return props.full ? (
      <img className="photo-full" src={url} alt={alt} data-photo={photo.sha256} />
    ) : (
      <img
        className="photo-thumb"
        src={url}
        alt={alt}
        width={props.size ?? 96}
        height={props.size ?? 96}
        loading="lazy"
        data-photo={photo.sha256}
      />
    );
  }
  return (
    <span
      className="photo-thumb photo-thumb--empty"
      style={{ width: props.size ?? 96, height: props.size ?? 96 }}
      data-photo-state={state}
    >
      {state === 'missing' || state === 'error' ? t('photos.notDownloaded') : ''}
    </span>
  );
}
