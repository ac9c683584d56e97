import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { flushUnsavedWork } from '../../../lib/unsaved-work';

/** The shape of `registerSW` from virtual:pwa-register (injected so tests can drive it). */
export type RegisterServiceWorker = (
  options: RegisterSWOptions,
) => (reloadPage?: boolean) => Promise<void>;

export type UpdatePhase = 'idle' | 'available' | 'updating' | 'confirm';

const HOURLY = 60 * 60 * 1000;

/**
 * 'prompt' update flow: a waiting service worker is only activated (and the page reloaded) when
 * the officer taps "Cập nhật", and only after every open form has saved its draft.
 */
export function useAppUpdate(register: RegisterServiceWorker | undefined) {
  const [phase, setPhase] = useState<UpdatePhase>('idle');
  const [offlineReady, setOfflineReady] = useState(false);
  const activate = useRef<((reloadPage?: boolean) => Promise<void>) | null>(null);

  useEffect(() => {
    if (!register || activate.current) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    activate.current = register({
      onNeedRefresh: () => setPhase((p) => (p === 'idle' ? 'available' : p)),
      onOfflineReady: () => setOfflineReady(true),
      // Officers keep the app open for days; look for a new build hourly.
      onRegisteredSW: (_url, registration) => {
        if (registration) timer = setInterval(() => void registration.update(), HOURLY);
      },
    });
    return () => clearInterval(timer);
  }, [register]);

  const update = useCallback(async (force = false) => {
    setPhase('updating');
    const clean = (await flushUnsavedWork()) || force;
    if (!clean) {
      setPhase('confirm');
      return;
    }
    await activate.current?.(true);
  }, []);

  const postpone = useCallback(() => setPhase('idle'), []);
  const dismissOfflineReady = useCallback(() => setOfflineReady(false), []);

  return { phase, offlineReady, update, postpone, dismissOfflineReady };
}
