import { describe, expect, it } from 'vitest';
import {
  CHUNK_SIZE,
  createAttendeeStore,
} from '../../src/client/features/attendance/model/attendee-store';
import { tallyAttendees } from '../../src/shared/activity/attendance-tally';
import type { Attendee } from '../../src/shared/activity/attendee.schema';

const person = (i: number): Attendee => ({
  id: `a-${i}`,
  fullName: `Người ${i}`,
  sex: i % 2 ? 'male' : 'female',
  birthYear: 1950 + (i % 60),
  ethnicity: (['kinh', 'khmer', 'hoa', 'other'] as const)[i % 4]!,
  householdCategory: (['poor', 'near_poor', 'newly_out_of_poverty', 'none'] as const)[i % 4]!,
  isOfficial: i % 5 === 0,
});

describe('attendee store', () => {
  it('keeps the tally equal to a full recount through adds, edits and removals', () => {
    const store = createAttendeeStore([person(0), person(1)]);
    for (let i = 2; i < 130; i++) store.add(person(i));
    store.update('a-7', { ...person(7), sex: 'female', isOfficial: true });
    store.remove('a-3');
    store.remove('a-128');
    expect(store.getAll()).toHaveLength(128);
    expect(store.getTally()).toEqual(tallyAttendees(store.getAll()));
    expect(store.getChunks().flat()).toEqual(store.getAll());
  });

  it('adding attendee 300 leaves the earlier blocks untouched (they are not re-rendered)', () => {
    const store = createAttendeeStore([]);
    for (let i = 0; i < 299; i++) store.add(person(i));
    const before = store.getChunks();
    store.add(person(299));
    const after = store.getChunks();
    expect(after).toHaveLength(300 / CHUNK_SIZE);
    for (let c = 0; c < after.length - 1; c++) expect(after[c]).toBe(before[c]);
    expect(after.at(-1)?.at(-1)?.id).toBe('a-299');
  });

  it('an edit replaces only the block that holds the person', () => {
    const store = createAttendeeStore(Array.from({ length: 120 }, (_, i) => person(i)));
    const before = store.getChunks();
    store.update('a-60', { ...person(60), fullName: 'Tên mới' });
    const after = store.getChunks();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]![10]!.fullName).toBe('Tên mới');
  });
});
