import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../src/shared/activity/activity-record.schema';
import { type Activity } from '../../src/shared/activity/activity.schema';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES, type ActivityType } from '../../src/shared/activity/activity-enums';
import { refineActivity } from '../../src/shared/activity/activity-rules';
import { tallyAttendees } from '../../src/shared/activity/attendance-tally';
import { toFieldErrors } from '../../src/shared/validation/field-errors';

const NOW = Date.parse('2024-05-10T03:00:00Z');
const ctx = { communeCode: '30730', authorId: 'u1', authorName: 'Nguyễn Văn A', now: NOW };

/** A complete, valid record of each type, as an officer would save it. */
function completeActivity(type: ActivityType): Activity {
  const base = newActivity(type, ctx);
  const common = {
    status: 'complete' as const,
    date: '2024-05-09',
    organiser: 'UBND xã Vĩnh Thanh Vân',
    place: 'Nhà văn hóa ấp 3',
    themes: ['multidimensional_poverty' as const],
    targetGroups: ['poor_households' as const],
    participants: { ...base.participants, total: 40, female: 22, khmer: 10, poor: 15, nearPoor: 8 },
  };
  switch (base.type) {
    case 'dialogue':
      return {
        ...base,
        ...common,
        topic: 'Chính sách hỗ trợ nhà ở',
        chair: 'Chủ tịch UBND xã',
        questions: [
          { id: 'q1', content: 'Khi nào được hỗ trợ?', answer: 'Quý III', needsFollowUp: true },
        ],
      };
    case 'community_talk':
      return { ...base, ...common, topic: 'Giảm nghèo đa chiều', speaker: 'Trần Thị B' };
    case 'printed_materials':
      return {
        ...base,
        ...common,
        participants: base.participants,
        title: 'Tờ rơi chính sách',
        quantities: { ...base.quantities, leaflet: { printed: 1500, distributed: 1200 } },
      };
    case 'mass_media':
      return {
        ...base,
        ...common,
        participants: base.participants,
        title: 'Bản tin giảm nghèo',
        itemCount: 4,
        durationMinutes: 30,
      };
    case 'training':
      return {
        ...base,
        ...common,
        topic: 'Kỹ năng truyền thông',
        days: 2,
        trainees: { povertyOfficials: 30, reportersEditors: 5, others: 5 },
      };
    case 'emulation':
      return {
        ...base,
        ...common,
        title: 'Biểu dương hộ thoát nghèo',
        commendedHouseholds: 12,
        resourcesVnd: 1_500_000,
      };
    case 'other':
      return { ...base, ...common, title: 'Hội thi tìm hiểu chính sách' };
  }
}

function messagesAt(activity: unknown): Record<string, string> {
  const result = activitySchema.safeParse(activity);
  if (result.success) return {};
  // The first message per field is the one the form shows.
  const out: Record<string, string> = {};
  for (const e of toFieldErrors(result.error.issues)) out[e.path] ??= e.code;
  return out;
}

describe('activity schema', () => {
  it('says what a number of training days may be: half days, up to 366', () => {
    const training = completeActivity('training');
    for (const days of [0.3, 400, 1.25])
      expect(messagesAt({ ...training, days })).toEqual({ days: 'validation.trainingDays' });
    expect(messagesAt({ ...training, days: 1.5 })).toEqual({});
  });

  it.each(ACTIVITY_TYPES)('accepts a blank draft of %s', (type) => {
    expect(messagesAt(newActivity(type, { ...ctx, now: Date.now() }))).toEqual({});
  });

  it.each(ACTIVITY_TYPES)('accepts a complete %s', (type) => {
    const activity = completeActivity(type);
    expect(refineActivity(activity, NOW)).toEqual([]);
    expect(messagesAt(activity)).toEqual({});
  });

  it.each(ACTIVITY_TYPES)('requires the content of a complete %s', (type) => {
    const blank = { ...newActivity(type, ctx), status: 'complete' as const };
    const issues = refineActivity(blank, NOW).map((i) => i.path.join('.'));
    expect(issues).toEqual(expect.arrayContaining(['themes', 'targetGroups', 'organiser']));
    const specific: Record<ActivityType, string> = {
      dialogue: 'topic',
      community_talk: 'speaker',
      printed_materials: 'quantities.leaflet.printed',
      mass_media: 'itemCount',
      training: 'topic',
      emulation: 'title',
      other: 'title',
    };
    expect(issues).toContain(specific[type]);
  });

  it.each(ACTIVITY_TYPES)('rejects negative and fractional counts in %s', (type) => {
    const a = completeActivity(type);
    expect(
      messagesAt({ ...a, participants: { ...a.participants, total: -1 } })['participants.total'],
    ).toBe('validation.nonNegative');
    expect(messagesAt({ ...a, costVnd: 10.5 })['costVnd']).toBe('validation.integer');
    expect(
      messagesAt({ ...a, participants: { ...a.participants, female: Number.NaN } })[
        'participants.female'
      ],
    ).toBe('validation.number');
  });

  it('rejects a sub-count larger than the total', () => {
    const a = completeActivity('dialogue');
    expect(
      messagesAt({ ...a, participants: { ...a.participants, female: 41 } })['participants.female'],
    ).toBe('validation.exceedsTotal');
    expect(
      messagesAt({
        ...a,
        participants: { ...a.participants, khmer: 20, hoa: 15, otherMinority: 10 },
      })['participants.otherMinority'],
    ).toBe('validation.sumExceedsTotal');
    expect(
      messagesAt({
        ...a,
        participants: { ...a.participants, poor: 20, nearPoor: 15, newlyOutOfPoverty: 10 },
      })['participants.newlyOutOfPoverty'],
    ).toBe('validation.sumExceedsTotal');
  });

  it('rejects an end before the start and dates in the future', () => {
    const a = completeActivity('training');
    expect(messagesAt({ ...a, endDate: '2024-05-01' })['endDate']).toBe(
      'validation.endBeforeStart',
    );
    expect(messagesAt({ ...a, date: '2999-01-01' })['date']).toBe('validation.futureDate');
    expect(messagesAt({ ...a, date: '2024-02-30' })['date']).toBe('validation.invalidDate');
  });

  it('requires a funding source when there is a cost', () => {
    const a = completeActivity('community_talk');
    expect(messagesAt({ ...a, costVnd: 1_500_000 })['fundingSource']).toBe(
      'validation.fundingSourceRequired',
    );
    expect(messagesAt({ ...a, costVnd: 1_500_000, fundingSource: 'local_budget' })).toEqual({});
  });

  it('rejects trainees by role adding up to more than the participants', () => {
    const a = completeActivity('training');
    expect(
      refineActivity(
        { ...a, trainees: { povertyOfficials: 30, reportersEditors: 10, others: 1 } } as Activity,
        NOW,
      ),
    ).toEqual([{ path: ['trainees', 'others'], message: 'validation.sumExceedsTotal' }]);
  });

  it('rejects unknown types, unknown enum values and malformed ids', () => {
    const a = completeActivity('other');
    expect(activitySchema.safeParse({ ...a, type: 'party' }).success).toBe(false);
    expect(messagesAt({ ...a, themes: ['gossip'] })).toHaveProperty(['themes.0']);
    expect(messagesAt({ ...a, id: 'not-a-uuid' })).toHaveProperty('id');
    expect(messagesAt({ ...a, communeCode: '' })['communeCode']).toBe('validation.required');
  });

  it('rejects a non-http link and a bad phone number', () => {
    const media = completeActivity('mass_media');
    expect(messagesAt({ ...media, link: 'javascript:alert(1)' })['link']).toBe(
      'validation.invalidUrl',
    );
    expect(messagesAt({ ...media, link: 'https://baokiengiang.vn/a' })).toEqual({});
  });

  it('keeps the counts of an attendee list consistent with the list', () => {
    const a = completeActivity('community_talk');
    const attendees = [
      {
        id: 'a1',
        fullName: 'Đặng Văn C',
        sex: 'male' as const,
        birthYear: 1970,
        ethnicity: 'khmer' as const,
        householdCategory: 'poor' as const,
        isOfficial: false,
      },
      {
        id: 'a2',
        fullName: 'Lê Thị D',
        sex: 'female' as const,
        birthYear: 1985,
        ethnicity: 'kinh' as const,
        householdCategory: 'near_poor' as const,
        isOfficial: true,
        phone: '0912 345 678',
      },
    ];
    const listed = {
      ...a,
      attendanceMode: 'list' as const,
      attendees,
      participants: tallyAttendees(attendees),
    };
    expect(messagesAt(listed)).toEqual({});
    expect(listed.participants).toMatchObject({
      total: 2,
      female: 1,
      khmer: 1,
      poor: 1,
      nearPoor: 1,
      officials: 1,
    });
    expect(
      messagesAt({ ...listed, participants: { ...listed.participants, total: 3 } })[
        'participants.total'
      ],
    ).toBe('validation.listMismatch');
    expect(
      messagesAt({ ...listed, attendees: [{ ...attendees[0], phone: 'abc' }] }),
    ).toHaveProperty(['attendees.0.phone'], 'validation.invalidPhone');
  });

  it('gives Vietnamese text for every field error', () => {
    const result = activitySchema.safeParse({
      ...completeActivity('dialogue'),
      date: '2999-01-01',
    });
    expect(result.success).toBe(false);
    const [error] = toFieldErrors(result.error!.issues);
    expect(error).toEqual({
      path: 'date',
      code: 'validation.futureDate',
      message: 'Ngày không được sau hôm nay.',
    });
  });
});
