import { useCallback } from 'react';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { useAppDb } from '../../../db/app-db-context';
import { ActivityValidationError, saveActivity } from '../store/activity-store';
import { discardFormDraft } from '../store/form-draft-store';
import { requestPersistenceOnce } from '../../pwa/persist-once';
import { isStorageFull } from '../../../lib/storage';

export type SaveOutcome =
  | { ok: true }
  | { ok: false; fieldErrors: { path: string; messageKey: string }[] }
  | { ok: false; reasonKey: string };

/** Saves (activity + outbox + draft removal in one transaction); never throws at the form. */
export function useSaveActivity() {
  const db = useAppDb();
  const save = useCallback(
    async (activity: Activity): Promise<SaveOutcome> => {
      try {
        await saveActivity(db, activity);
        // The first saved record is worth protecting from eviction.
        void requestPersistenceOnce();
        return { ok: true };
      } catch (error) {
        if (error instanceof ActivityValidationError)
          return { ok: false, fieldErrors: error.fieldErrors };
        console.error('Saving the activity failed', error);
        return {
          ok: false,
          reasonKey: isStorageFull(error)
            ? 'activityForm.saveFailedStorageFull'
            : 'activityForm.saveFailedStorage',
        };
      }
    },
    [db],
  );
  const discardDraft = useCallback((id: string) => discardFormDraft(db, id), [db]);
  return { save, discardDraft };
}
