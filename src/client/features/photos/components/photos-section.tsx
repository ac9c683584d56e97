import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS_PER_ACTIVITY } from '../../../../shared/photos/photo-limits';
import type { ActivityPhoto } from '../../../../shared/photos/photo.schema';
import { FilePickButton } from '../../../components/form/file-pick-button';
import { InputField } from '../../../components/form/input-field';
import { ValueCheckboxField } from '../../../components/form/value-checkbox-field';
import { useAppDb } from '../../../db/app-db-context';
import { isStorageFull } from '../../../lib/storage';
import { useSyncState } from '../../sync/hooks/use-sync-state';
import { AttachRefusedError, preparePhoto } from '../model/attach-photo';
import { keepAttachedPhoto, notUploadedHashes } from '../store/photo-store';
import { PhotoThumb } from './photo-thumb';

type PhotoForm = { photos?: ActivityPhoto[] };

/**
 * "Ảnh minh chứng" in the activity form: take a photo or pick from the gallery (several), each
 * compressed off the main thread and kept on the phone at once (the draft keeps it across a
 * reload), with a caption and the "danh sách ký tên" mark; removing one is an ordinary change of
 * the record. What cannot be a photo is refused here, with the reason.
 */
export function PhotosSection({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const db = useAppDb();
  const { field } = useController<PhotoForm, 'photos'>({ name: 'photos' });
  const { formState } = useFormContext<PhotoForm>();
  const photos = field.value ?? [];
  // Several files finish one after the other; each adds to the latest list, not a stale one.
  const latest = useRef(photos);
  latest.current = photos;
  const [keepLocation, setKeepLocation] = useState(false);
  const [compressing, setCompressing] = useState(0);
  const [refusals, setRefusals] = useState<string[]>([]);
  const notUploaded = useLiveQuery(() => notUploadedHashes(db), [db]);
  const upload = useSyncState().photoUpload;

  const change = (next: ActivityPhoto[]) => {
    latest.current = next;
    field.onChange(next);
  };

  const attach = async (files: File[]) => {
    setRefusals([]);
    setCompressing((n) => n + files.length);
    const refused: string[] = [];
    for (const file of files) {
      try {
        if (latest.current.length >= MAX_PHOTOS_PER_ACTIVITY) {
          refused.push(t('photos.tooMany', { max: MAX_PHOTOS_PER_ACTIVITY }));
          continue;
        }
        const prepared = await preparePhoto(file, { keepLocation });
        if (latest.current.some((p) => p.sha256 === prepared.meta.sha256)) {
          refused.push(t('photos.duplicate', { name: file.name }));
          continue;
        }
        await keepAttachedPhoto(db, activityId, prepared.bytes);
        change([...latest.current, prepared.meta]);
      } catch (error) {
        // In the officer's words, never the browser's own (English) message.
        if (!(error instanceof AttachRefusedError))
          console.error('Attaching a photo failed', error);
        refused.push(
          error instanceof AttachRefusedError
            ? t(`photos.refused.${error.reason}`, { name: error.fileName })
            : t(isStorageFull(error) ? 'photos.refused.storageFull' : 'photos.refused.failed', {
                name: file.name,
              }),
        );
      } finally {
        setCompressing((n) => n - 1);
      }
    }
    setRefusals(refused);
  };

  const update = (sha256: string, patch: Partial<ActivityPhoto>) =>
    change(latest.current.map((p) => (p.sha256 === sha256 ? { ...p, ...patch } : p)));

  const remove = (sha256: string) => {
    if (!window.confirm(t('photos.removeConfirm'))) return;
    change(latest.current.filter((p) => p.sha256 !== sha256));
  };

  const statusOf = (sha256: string) => {
    if (upload?.sha256 === sha256) return t('photos.uploading', { percent: upload.photoPercent });
    return notUploaded?.has(sha256) ? t('photos.notUploaded') : t('photos.uploaded');
  };

  const errors = formState.errors.photos;
  return (
    <section className="card photos-section" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('photos.title')}</h2>
      <p className="hint">{t('photos.hint')}</p>
      <div className="row">
        <FilePickButton
          label={t('photos.takePhoto')}
          capture
          primary
          onPick={(files) => void attach(files)}
          testId="photo-camera"
        />
        <FilePickButton
          label={t('photos.fromGallery')}
          multiple
          onPick={(files) => void attach(files)}
          testId="photo-gallery"
        />
      </div>
      <ValueCheckboxField
        label={t('photos.keepLocation')}
        checked={keepLocation}
        onChange={setKeepLocation}
      />
      <p role="status" aria-live="polite" className="hint" data-testid="photo-compressing">
        {compressing > 0 ? t('photos.compressing', { count: compressing }) : ''}
      </p>
      {refusals.length > 0 && (
        <div role="alert" className="notice notice--error" data-testid="photo-refused">
          {refusals.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      )}
      {photos.length > 0 && (
        <p className="hint" data-testid="photo-count">
          {t('photos.count', { count: photos.length })}
        </p>
      )}
      <ul className="photo-list">
        {photos.map((photo, index) => (
          <li key={photo.sha256} className="photo-item" data-testid="photo-item">
            <PhotoThumb photo={photo} activityId={activityId} fetchIfMissing />
            <div className="stack">
              <InputField
                label={t('photos.caption')}
                value={photo.caption}
                maxLength={500}
                autoCapitalize="words"
                error={errors?.[index]?.caption?.message}
                onChange={(caption) => update(photo.sha256, { caption })}
              />
              <ValueCheckboxField
                label={t('photos.signedSheet')}
                checked={photo.signedSheet}
                onChange={(signedSheet) => update(photo.sha256, { signedSheet })}
              />
              <p className="hint" data-testid="photo-upload-state">
                {statusOf(photo.sha256)}
              </p>
              <button
                type="button"
                className="btn btn--ghost"
                style={{ minHeight: 48 }}
                onClick={() => remove(photo.sha256)}
              >
                {t('photos.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
