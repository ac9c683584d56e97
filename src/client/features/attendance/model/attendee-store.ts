import type { Attendee, Participants } from '../../../../shared/activity/attendee.schema';
import { addToTally, tallyAttendees } from '../../../../shared/activity/attendance-tally';

/** Rows per rendered block: an add re-renders one block, not the whole list. */
export const CHUNK_SIZE = 50;

/**
 * The attendee list of one open form, kept outside react-hook-form: adding a person updates the
 * tally in O(1) (addToTally) and replaces only the last block of rows, without re-validating or
 * re-rendering the whole list, so attendee 300 is as quick to add as attendee 1.
 */
export interface AttendeeStore {
  getAll(): readonly Attendee[];
  /** The list in blocks of CHUNK_SIZE; blocks that did not change keep their identity. */
  getChunks(): readonly (readonly Attendee[])[];
  getTally(): Participants;
  add(attendee: Attendee): void;
  update(id: string, attendee: Attendee): void;
  remove(id: string): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

function chunksFrom(
  list: readonly Attendee[],
  previous: readonly (readonly Attendee[])[],
  firstChanged: number,
): (readonly Attendee[])[] {
  const keep = Math.floor(firstChanged / CHUNK_SIZE);
  const chunks = previous.slice(0, keep);
  for (let start = keep * CHUNK_SIZE; start < list.length; start += CHUNK_SIZE) {
    chunks.push(list.slice(start, start + CHUNK_SIZE));
  }
  return chunks;
}

export function createAttendeeStore(initial: readonly Attendee[]): AttendeeStore {
  let list: readonly Attendee[] = initial.slice();
  let chunks = chunksFrom(list, [], 0);
  let tally = tallyAttendees(list);
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());

  return {
    getAll: () => list,
    getChunks: () => chunks,
    getTally: () => tally,
    add(attendee) {
      list = [...list, attendee];
      const last = chunks[chunks.length - 1];
      chunks =
        last && last.length < CHUNK_SIZE
          ? [...chunks.slice(0, -1), [...last, attendee]]
          : [...chunks, [attendee]];
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
      const c = Math.floor(index / CHUNK_SIZE);
      chunks = chunks.map((chunk, i) =>
        i === c ? list.slice(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE) : chunk,
      );
      tally = addToTally(addToTally(tally, old, -1), attendee);
      emit();
    },
    remove(id) {
      const index = list.findIndex((a) => a.id === id);
      const old = list[index];
      if (!old) return;
      list = list.filter((a) => a !== old);
      chunks = chunksFrom(list, chunks, index);
      tally = addToTally(tally, old, -1);
      emit();
    },
    clear() {
      list = [];
      chunks = [];
      tally = tallyAttendees(list);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
