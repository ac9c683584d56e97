import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { checkActivity } from '../../src/shared/activity/activity-issues';
import { refineActivity, requiredFields } from '../../src/shared/activity/activity-rules';
import { implausibleValues, PLAUSIBLE_MAX } from '../../src/shared/activity/plausibility';
import { maxTextLength } from '../../src/shared/activity/text-limits';

const NOW = Date.parse('2024-05-10T03:00:00Z');
const ctx = { communeCode: '30730', authorId: 'u1', authorName: 'Nguyễn Văn A', now: NOW };

function talk(participants: Partial<Activity['participants']>, extra: object = {}): Activity {
  const base = newActivity('community_talk', ctx);
  return {
    ...base,
    status: 'complete',
    date: '2024-05-09',
    organiser: 'UBND xã Vĩnh Thanh Vân',
    themes: ['multidimensional_poverty'],
    targetGroups: ['poor_households'],
    topic: 'Giảm nghèo đa chiều',
    speaker: 'Trần Thị B',
    participants: { ...base.participants, total: 10, ...participants },
    ...extra,
  } as Activity;
}

const issuesOf = (input: unknown) =>
  Object.fromEntries(checkActivity(input, NOW).issues.map((i) => [i.path, i.message]));

describe('cross-field rules blame one field', () => {
  it('female 15 of a total of 10 blames the female count only', () => {
    expect(issuesOf(talk({ female: 15 }))).toEqual({
      'participants.female': 'validation.exceedsTotal',
    });
  });

  it('a negative total is one error on the total, not one per zero field', () => {
    expect(issuesOf(talk({ total: -5 }))).toEqual({
      'participants.total': 'validation.nonNegative',
    });
  });

  it('a sum over the total blames the last non-zero member, never a field holding 0', () => {
    expect(issuesOf(talk({ khmer: 6, hoa: 5 }))).toEqual({
      'participants.hoa': 'validation.sumExceedsTotal',
    });
    expect(issuesOf(talk({ poor: 4, nearPoor: 4, newlyOutOfPoverty: 4 }))).toEqual({
      'participants.newlyOutOfPoverty': 'validation.sumExceedsTotal',
    });
    // One member alone over the total: that member only, no second message for its group.
    expect(issuesOf(talk({ khmer: 11, hoa: 2 }))).toEqual({
      'participants.khmer': 'validation.exceedsTotal',
    });
  });

  it('property: no rule ever blames a participant count holding 0', () => {
    const count = fc.integer({ min: -3, max: 30 });
    fc.assert(
      fc.property(fc.array(count, { minLength: 9, maxLength: 9 }), (n) => {
        const [total, female, khmer, hoa, otherMinority, poor, nearPoor, newly, officials] = n;
        const a = talk({
          total,
          female,
          khmer,
          hoa,
          otherMinority,
          poor,
          nearPoor,
          newlyOutOfPoverty: newly,
          officials,
        });
        for (const issue of refineActivity(a, NOW)) {
          const [group, key] = issue.path;
          if (group === 'participants' && key !== 'total') {
            expect(a.participants[key as keyof Activity['participants']]).toBeGreaterThan(0);
          }
        }
        // Each field is named at most once.
        const paths = checkActivity(a, NOW).issues.map((i) => i.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
    );
  });

  it('shows the cross-field errors together with a field of the wrong type', () => {
    // Zod alone stops before the rules when the cost box is not a number.
    expect(issuesOf(talk({ female: 15 }, { costVnd: Number.NaN }))).toEqual({
      costVnd: 'validation.number',
      'participants.female': 'validation.exceedsTotal',
    });
  });

  it('an attendee born after this year (in Vietnam) is refused on that attendee, on the server too', () => {
    const person = (birthYear: number) => ({
      id: `p${birthYear}`,
      fullName: 'Danh Thị Út',
      sex: 'female' as const,
      birthYear,
      ethnicity: 'khmer' as const,
      householdCategory: 'poor' as const,
      isOfficial: false,
    });
    const listed = (years: number[]) =>
      talk(
        { total: years.length, female: years.length, khmer: years.length, poor: years.length },
        { attendanceMode: 'list', attendees: years.map(person) },
      );
    const rules = (a: Activity) => refineActivity(a, NOW).map((i) => [i.path.join('.'), i.message]);
    expect(rules(listed([1975, 2024]))).toEqual([]);
    expect(rules(listed([1975, 2025]))).toEqual([
      ['attendees.1.birthYear', 'validation.birthYearRange'],
    ]);
    // The record schema (the API's validation) runs the same rule today.
    const nextYear = new Date().getFullYear() + 1;
    expect(checkActivity(listed([1975, nextYear])).issues).toEqual([
      { path: 'attendees.1.birthYear', message: 'validation.birthYearRange' },
    ]);
  });

  it('training roles over the total blame the last non-zero role', () => {
    const base = newActivity('training', ctx);
    const a = {
      ...base,
      participants: { ...base.participants, total: 10 },
      trainees: { povertyOfficials: 8, reportersEditors: 4, others: 0 },
    } as Activity;
    expect(refineActivity(a, NOW)).toEqual([
      { path: ['trainees', 'reportersEditors'], message: 'validation.sumExceedsTotal' },
    ]);
  });
});

describe('required fields', () => {
  it.each(ACTIVITY_TYPES)('every field marked required in a %s is refused when empty', (type) => {
    const blank = { ...newActivity(type, ctx), status: 'complete' as const, date: '' };
    const flagged = Object.keys(
      issuesOf({ ...blank, communeCode: '', kind: undefined, channel: undefined, days: 0 }),
    );
    for (const field of requiredFields(type)) expect(flagged).toContain(field);
  });
});

describe('plausibility and limits', () => {
  it('asks about 1.500.000 attendees at a talk, not about 200', () => {
    expect(implausibleValues(talk({ total: 1_500_000 }))).toEqual([
      { path: 'participants.total', value: 1_500_000, limit: PLAUSIBLE_MAX['participants.total'] },
    ]);
    expect(implausibleValues(talk({ total: 200 }))).toEqual([]);
  });

  it('reads text limits from the schema', () => {
    expect(maxTextLength('community_talk', 'notes')).toBe(4000);
    expect(maxTextLength('community_talk', 'topic')).toBe(300);
    expect(maxTextLength('community_talk', 'participants')).toBeUndefined();
  });
});
