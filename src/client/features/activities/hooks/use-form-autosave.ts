import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { markSaved, markUnsaved } from '../../../lib/unsaved-work';
import { useAppDb } from '../../../db/app-db-context';
import { forgetRescuedDraft, rescueFormDraft, saveFormDraft } from '../store/form-draft-store';

export const AUTOSAVE_DELAY_MS = 400;
/** Typing without a pause still writes this often: each keystroke must not push the write on. */
export const AUTOSAVE_MAX_WAIT_MS = 1000;

interface AutosaveOptions {
  activityId: string;
  type: ActivityType;
  isNew: boolean;
  /** The values to keep, exactly as typed (called at change time, copied at once). */
  snapshot: () => unknown;
  /** Calls back on every change of the form (fields and attendee list). */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Debounced autosave of an open form into `formDrafts`: 400 ms after the last change, and at
 * least every second while the officer keeps typing, so a crash or a dead battery (no pagehide)
 * loses at most the last second; the page being hidden or the form unmounted writes at once.
 * While input is waiting to be written the form is registered as unsaved work (update banner).
 */
export function useFormAutosave({ activityId, type, isNew, snapshot, subscribe }: AutosaveOptions) {
  const db = useAppDb();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const key = useRef(Symbol(activityId)).current;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** When the oldest change not yet written was made (null: nothing waiting). */
  const waitingSince = useRef<number | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const suspended = useRef(false);
  const mounted = useRef(true);
  const latest = useRef({ snapshot, isNew });
  latest.current = { snapshot, isNew };

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waitingSince.current = null;
    if (suspended.current) return;
    const values = structuredClone(latest.current.snapshot());
    const write = chain.current.then(() =>
      saveFormDraft(db, { activityId, type, values, isNew: latest.current.isNew }),
    );
    chain.current = write.catch(() => undefined);
    const row = await write;
    // Only "saved" if nothing changed while writing (a newer change has its own timer).
    if (!timer.current) {
      markSaved(key);
      forgetRescuedDraft(db, activityId);
    }
    if (mounted.current) setSavedAt(row.savedAt);
  }, [db, activityId, type, key]);

  const schedule = useCallback(() => {
    if (suspended.current) return;
    markUnsaved(key, flush);
    if (timer.current) clearTimeout(timer.current);
    const now = Date.now();
    waitingSince.current ??= now;
    const delay = Math.min(AUTOSAVE_DELAY_MS, waitingSince.current + AUTOSAVE_MAX_WAIT_MS - now);
    timer.current = setTimeout(() => void flush().catch(() => undefined), Math.max(0, delay));
  }, [flush, key]);

  useEffect(() => {
    mounted.current = true;
    const unsubscribe = subscribe(schedule);
    // Going away (reload, closed tab, another app): the last keystrokes are still waiting for
    // the debounce. A reload fires pagehide while the page is still "visible", and the
    // IndexedDB write may not finish before the page is gone: write them synchronously to
    // localStorage too (useFormSource moves them into the draft when the form opens again).
    const onLeave = () => {
      if (!timer.current || suspended.current) return;
      rescueFormDraft(db, {
        activityId,
        type,
        values: latest.current.snapshot(),
        isNew: latest.current.isNew,
      });
      void flush().catch(() => undefined);
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') onLeave();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      mounted.current = false;
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      // Leaving the form (back button, navigation) writes what was typed. Once the form is gone
      // there is nothing left to protect from a reload, whatever the write's outcome.
      const last = timer.current ? flush() : Promise.resolve();
      void last.catch(() => undefined).finally(() => markSaved(key));
    };
  }, [subscribe, schedule, flush, db, activityId, type]);

  /** Before the real save: stop writing drafts (the save removes the draft atomically). */
  const suspend = useCallback(async () => {
    suspended.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waitingSince.current = null;
    await chain.current;
    markSaved(key);
  }, [key]);

  /** After a failed save: keep what was typed as a draft again. */
  const resume = useCallback(() => {
    suspended.current = false;
    schedule();
  }, [schedule]);

  return { savedAt, flush, suspend, resume };
}
