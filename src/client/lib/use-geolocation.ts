import { useCallback, useState } from 'react';
import type { GeoPosition } from '../../shared/activity/activity.schema';

export type GeoFailure = 'denied' | 'timeout' | 'unsupported' | 'unavailable';
type GeoState = { status: 'idle' | 'locating' } | { status: 'failed'; reason: GeoFailure };

/** One high-accuracy fix for the activity's place (GPS works without mobile data). */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const locate = useCallback(
    () =>
      new Promise<GeoPosition | null>((resolve) => {
        if (!('geolocation' in navigator)) {
          setState({ status: 'failed', reason: 'unsupported' });
          resolve(null);
          return;
        }
        setState({ status: 'locating' });
        navigator.geolocation.getCurrentPosition(
          (pos) => {
            setState({ status: 'idle' });
            resolve({
              lat: Number(pos.coords.latitude.toFixed(6)),
              lng: Number(pos.coords.longitude.toFixed(6)),
              accuracyM: Math.round(pos.coords.accuracy),
              capturedAt: new Date(pos.timestamp || Date.now()).toISOString(),
            });
          },
          (err) => {
            const reason: GeoFailure =
              err.code === err.PERMISSION_DENIED
                ? 'denied'
                : err.code === err.TIMEOUT
                  ? 'timeout'
                  : 'unavailable';
            setState({ status: 'failed', reason });
            resolve(null);
          },
          { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 },
        );
      }),
    [],
  );
  return { state, locate };
}
