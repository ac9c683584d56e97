import { useTranslation } from 'react-i18next';
import type { GeoPosition } from '../../../shared/activity/activity.schema';
import { formatNumber } from '../../../shared/format/vi-format';
import { useGeolocation } from '../../lib/use-geolocation';
import { useLocale } from '../../lib/use-locale';
import { FieldFrame } from './field-frame';
import { useActivityField } from './use-activity-field';

const REASON_KEYS = {
  denied: 'activityForm.locationDenied',
  timeout: 'activityForm.locationTimeout',
  unsupported: 'activityForm.locationUnsupported',
  unavailable: 'activityForm.locationTimeout',
} as const;

/** The activity's place from the phone's GPS: a button, the fix it got, or why it got none. */
export function GpsField() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { field, id, error } = useActivityField('location');
  const { state, locate } = useGeolocation();
  const position = field.value as GeoPosition | undefined;

  return (
    <FieldFrame id={id} label={t('field.location')} error={error} layout="group">
      {position && (
        <p className="field__value" data-testid="gps-value">
          {t('activityForm.locationValue', {
            lat: position.lat.toFixed(5),
            lng: position.lng.toFixed(5),
            accuracy: formatNumber(position.accuracyM, locale),
          })}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn"
          ref={field.ref}
          disabled={state.status === 'locating'}
          onClick={async () => {
            const next = await locate();
            if (next) field.onChange(next);
          }}
        >
          {state.status === 'locating'
            ? t('activityForm.gettingLocation')
            : t('activityForm.getLocation')}
        </button>
        {position && (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => field.onChange(undefined)}
          >
            {t('activityForm.clearLocation')}
          </button>
        )}
      </div>
      {state.status === 'failed' && (
        <p className="field__error" role="status">
          {t('activityForm.locationUnavailable', { reason: t(REASON_KEYS[state.reason]) })}
        </p>
      )}
      {state.status === 'failed' && state.reason === 'denied' && (
        <p className="hint" data-testid="gps-denied-hint">
          {t('activityForm.locationDeniedHint')}
        </p>
      )}
    </FieldFrame>
  );
}
