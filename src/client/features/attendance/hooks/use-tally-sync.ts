import { useEffect } from 'react';
import { useFormContext } from 'react-hook-form';
import type { Activity } from '../../../../shared/activity/activity.schema';
import type { AttendeeStore } from '../model/attendee-store';
import { PARTICIPANT_KEYS } from '../../../../shared/activity/attendance-tally';

/**
 * In list mode the counts are the list's tally. Each change writes only the counts that moved
 * (at most a handful of setValue calls), so the cost per attendee does not grow with the list.
 */
export function useTallySync(store: AttendeeStore, enabled: boolean): void {
  const { getValues, setValue, clearErrors } = useFormContext<Activity>();
  useEffect(() => {
    if (!enabled) return;
    const sync = () => {
      const tally = store.getTally();
      let changed = false;
      for (const key of PARTICIPANT_KEYS) {
        if (getValues(`participants.${key}`) !== tally[key]) {
          setValue(`participants.${key}`, tally[key], { shouldDirty: true });
          changed = true;
        }
      }
      // Counts computed from the list are consistent by construction; old count errors are moot.
      if (changed) clearErrors('participants');
    };
    sync();
    return store.subscribe(sync);
  }, [store, enabled, getValues, setValue, clearErrors]);
}
