import type { Attendee, Participants } from '../../../../shared/activity/activity.schema';
import { addToTally, tallyAttendees } from '../../../../shared/activity/attendance-tally';

/**
 * The attendee list of one open form, kept outside react-hook-form: adding a person updates the
 * tally in O(1) (addToTally) and notifies subscribers, without re-validating or re-registering
 * the whole list, so attendee 300 is as quick to add as attendee 1.
 */
export interface AttendeeStore {
  getAll(): readonly Attendee[];
  getTally(): Participants;
  add(attendee: Attendee): void;
  update(id: string, attendee: Attendee): void;
  remove(id: string): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

export function createAttendeeStore(initial: readonly Attendee[]): AttendeeStore {
  let list: readonly Attendee[] = initial.slice();
  let tally = tallyAttendees(list);
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());

  return {
    getAll: () => list,
    getTally: () => tally,
    add(attendee) {
      list = [...list, attendee];
      tally = addToTally(tally, attendee);
      emit();
    },
    update(id, attendee) {
      const index = list.findIndex((a) => a.id === id);
      const old = list[index];
      if (!old) return;
      const next = list.slice();
      next[index] = attendee;
      list = next;
      tally = addToTally(addToTally(tally, old, -1), attendee);
      emit();
    },
    remove(id) {
      const old = list.find((a) => a.id === id);
      if (!old) return;
      list = list.filter((a) => a !== old);
      tally = addToTally(tally, old, -1);
      emit();
    },
    clear() {
      list = [];
      tally = tallyAttendees(list);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
