import { describe, expect, it } from 'vitest';
import {
  differingFields,
  mergeRecord,
  sameValue,
} from '../../src/server/modules/sync/merge-record';

const base = {
  id: 'r1',
  authorId: 'u1',
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
  place: 'Nhà văn hóa',
  topic: 'Giảm nghèo',
  participants: { total: 10, female: 4 },
  themes: ['programme_goals'],
};

describe('mergeRecord (three-way, per top-level field)', () => {
  it('keeps changes of different fields from both sides without conflict', () => {
    const current = { ...base, place: 'Chùa Khmer', updatedAt: '2024-05-02T00:00:00.000Z' };
    const incoming = { ...base, topic: 'Sinh kế', updatedAt: '2024-05-03T00:00:00.000Z' };
    const { merged, conflicts } = mergeRecord(base, current, incoming);
    expect(merged).toEqual({
      ...base,
      place: 'Chùa Khmer',
      topic: 'Sinh kế',
      updatedAt: '2024-05-03T00:00:00.000Z',
    });
    expect(conflicts).toEqual([]);
  });

  it('lets the incoming (later) write win on a field both changed, and reports it', () => {
    const current = { ...base, place: 'Chùa Khmer' };
    const incoming = { ...base, place: 'Trường tiểu học' };
    const { merged, conflicts } = mergeRecord(base, current, incoming);
    expect(merged.place).toBe('Trường tiểu học');
    expect(conflicts).toEqual(['place']);
  });

  it('does not report a field both sides changed to the same value', () => {
    const current = { ...base, place: 'Chùa Khmer' };
    const incoming = { ...base, place: 'Chùa Khmer' };
    expect(mergeRecord(base, current, incoming).conflicts).toEqual([]);
  });

  it('treats nested objects and arrays as one value each', () => {
    const current = { ...base, participants: { total: 10, female: 5 } };
    const incoming = { ...base, participants: { total: 12, female: 4 }, themes: ['other'] };
    const { merged, conflicts } = mergeRecord(base, current, incoming);
    expect(merged.participants).toEqual({ total: 12, female: 4 });
    expect(merged.themes).toEqual(['other']);
    expect(conflicts).toEqual(['participants']);
  });

  it('handles fields added or removed on one side', () => {
    const current = { ...base, endDate: '2024-05-02' };
    const { place: _dropped, ...incoming } = base;
    const { merged, conflicts } = mergeRecord(base, current, incoming);
    expect(merged.endDate).toBe('2024-05-02');
    expect('place' in merged).toBe(false);
    expect(conflicts).toEqual([]);
  });

  it('without a base counts every differing field as a conflict won by the incoming side', () => {
    const current = { ...base, place: 'A', topic: 'B' };
    const incoming = { ...base, place: 'C' };
    const { merged, conflicts } = mergeRecord(null, current, incoming);
    expect(merged).toMatchObject({ place: 'C', topic: 'Giảm nghèo' });
    expect(conflicts.sort()).toEqual(['place', 'topic']);
  });

  it('never merges identity fields and always takes the incoming updatedAt', () => {
    const current = { ...base, createdAt: '2024-04-01T00:00:00.000Z' };
    const incoming = {
      ...base,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
    };
    const { merged, conflicts } = mergeRecord(base, current, incoming);
    expect(merged.createdAt).toBe('2024-04-01T00:00:00.000Z');
    expect(merged.updatedAt).toBe('2024-06-01T00:00:00.000Z');
    expect(conflicts).toEqual([]);
  });
});

describe('sameValue and differingFields', () => {
  it('compares JSON structurally, ignoring key order but not array order', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue([], {})).toBe(false);
  });

  it('lists the fields a wholesale overwrite changes', () => {
    expect(
      differingFields(base, { ...base, place: 'X', updatedAt: 'later', createdAt: 'x' }),
    ).toEqual(['place']);
  });
});
