import { newActivity } from '../../../src/shared/activity/activity-factory';
import type { Activity } from '../../../src/shared/activity/activity.schema';
import type { ActivityType } from '../../../src/shared/activity/activity-enums';
import { EMPTY_PARTICIPANTS } from '../../../src/shared/activity/attendance-tally';

// Nine activities whose report figures are computed by hand in the tests. Before July 2025, in
// Kiên Giang's 2024 units — Rạch Giá (899): Vĩnh Thanh 30733, Vĩnh Quang 30736 (both now in
// Phường Rạch Giá, 30742 of 2025) · Hà Tiên (900): Tô Châu 30766 · Kiên Lương (902): Kiên Bình
// 30790 (now Xã Hòa Điền, 30790 of 2025). One (A8) after it, in the 2025 units.

export interface FixtureAuthor {
  id: string;
  name: string;
}

let clock = Date.parse('2025-07-02T02:00:00Z');

function make(
  type: ActivityType,
  communeCode: string,
  date: string,
  author: FixtureAuthor,
  fields: Record<string, unknown>,
): Activity {
  clock += 1000;
  const base = newActivity(type, {
    communeCode,
    authorId: author.id,
    authorName: author.name,
    now: clock,
  });
  return {
    ...base,
    status: 'complete',
    date,
    organiser: 'UBND xã',
    themes: ['programme_goals'],
    targetGroups: ['poor_households'],
    ...fields,
  } as Activity;
}

const people = (p: Partial<typeof EMPTY_PARTICIPANTS>) => ({ ...EMPTY_PARTICIPANTS, ...p });

export function reportFixture(author: FixtureAuthor): Activity[] {
  return [
    // A1
    make('dialogue', '30733', '2025-03-10', author, {
      topic: 'Chính sách vay vốn',
      chair: 'Đặng Thị Hoa',
      participants: people({
        total: 40,
        female: 22,
        khmer: 5,
        hoa: 3,
        otherMinority: 1,
        poor: 10,
        nearPoor: 6,
        newlyOutOfPoverty: 2,
        officials: 4,
      }),
      questions: [
        { id: 'q1', content: 'Vay vốn thế nào?', answer: 'Ngân hàng CSXH', needsFollowUp: false },
        { id: 'q2', content: 'Bảo hiểm y tế?', answer: '', needsFollowUp: true },
        { id: 'q3', content: 'Nhà ở?', answer: 'Đã trả lời', needsFollowUp: false },
      ],
      costVnd: 2_500_000,
      fundingSource: 'local_budget',
    }),
    // A2
    make('community_talk', '30736', '2025-05-20', author, {
      topic: 'Thoát nghèo bền vững',
      speaker: 'Lê Văn Tám',
      participants: people({
        total: 25,
        female: 15,
        poor: 5,
        nearPoor: 3,
        newlyOutOfPoverty: 1,
        officials: 2,
      }),
    }),
    // A3
    make('printed_materials', '30766', '2025-02-01', author, {
      title: 'Tờ rơi chính sách',
      quantities: {
        leaflet: { printed: 500, distributed: 450 },
        document: { printed: 0, distributed: 0 },
        banner: { printed: 4, distributed: 4 },
        other: { printed: 0, distributed: 0 },
      },
      costVnd: 1_200_000,
      fundingSource: 'ntp_central_budget',
    }),
    // A4
    make('mass_media', '30733', '2025-04-02', author, {
      title: 'Chuyên mục giảm nghèo',
      channel: 'radio',
      itemCount: 3,
      durationMinutes: 45,
    }),
    // A5
    make('training', '30766', '2025-06-30', author, {
      topic: 'Nghiệp vụ giảm nghèo',
      days: 1.5,
      trainees: { povertyOfficials: 12, reportersEditors: 3, others: 5 },
      participants: people({ total: 20, female: 8, officials: 12 }),
      costVnd: 3_000_000,
      fundingSource: 'socialised',
    }),
    // A6
    make('emulation', '30790', '2025-01-01', author, {
      title: 'Vì người nghèo',
      kind: 'commendation',
      commendedCollectives: 2,
      commendedIndividuals: 5,
      commendedHouseholds: 3,
      resourcesVnd: 10_000_000,
      resourcesInKind: '50 bao gạo',
      participants: people({ total: 60, female: 30, poor: 20 }),
    }),
    // A7: a draft — listed apart, never counted.
    make('dialogue', '30733', '2025-03-11', author, {
      status: 'draft',
      participants: people({ total: 10 }),
    }),
    // A8: after the first six months on both bases, and after the July 2025 reorganisation: in
    // the new Phường Rạch Giá (30742 of an-giang-2025), made of ten wards of old Rạch Giá (899).
    make('community_talk', '30742', '2025-07-01', author, {
      geographyId: 'an-giang-2025',
      topic: 'Sau kỳ',
      speaker: 'Lê Văn Tám',
      participants: people({ total: 7 }),
    }),
    // A9: before the calendar half, inside the Decree 09 cut-off half (from 15/12/2024).
    make('other', '30733', '2024-12-20', author, {
      title: 'Hoạt động cuối năm',
      participants: people({ total: 9, female: 4 }),
    }),
  ];
}
