import { useSyncExternalStore } from 'react';
import type { Attendee } from '../../../../shared/activity/attendee.schema';
import type { AttendeeStore } from '../model/attendee-store';

export function useAttendees(store: AttendeeStore): readonly Attendee[] {
  return useSyncExternalStore(store.subscribe, store.getAll, store.getAll);
}

/** The list in blocks; an unchanged block is the same array, so its rows are not re-rendered. */
export function useAttendeeChunks(store: AttendeeStore): readonly (readonly Attendee[])[] {
  return useSyncExternalStore(store.subscribe, store.getChunks, store.getChunks);
}
