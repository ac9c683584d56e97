import { useSyncExternalStore } from 'react';
import type { Attendee } from '../../../../shared/activity/activity.schema';
import type { AttendeeStore } from '../model/attendee-store';

export function useAttendees(store: AttendeeStore): readonly Attendee[] {
  return useSyncExternalStore(store.subscribe, store.getAll, store.getAll);
}
