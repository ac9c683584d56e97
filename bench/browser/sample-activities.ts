import { newActivity } from '../../src/shared/activity/activity-factory';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { Attendee } from '../../src/shared/activity/attendee.schema';
import { ACTIVITY_TYPES, type ActivityType } from '../../src/shared/activity/activity-enums';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { tallyAttendees } from '../../src/shared/activity/attendance-tally';

// Realistic, varied records for the local-store bench: Vietnamese titles and names with all
// their diacritics, so the folded search has real work to do.
const TOPICS = [
  'Đối thoại chính sách giảm nghèo với hộ nghèo',
  'Tuyên truyền giảm nghèo đa chiều tại ấp',
  'Nói chuyện chuyên đề sinh kế bền vững',
  'Phổ biến kinh nghiệm nuôi tôm càng xanh',
  'Hướng dẫn vay vốn ưu đãi Ngân hàng Chính sách',
  'Tập huấn nghiệp vụ rà soát hộ cận nghèo',
  'Biểu dương hộ thoát nghèo tiêu biểu',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Thạch', 'Danh'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Minh', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hoa', 'Hương', 'Khánh', 'Lan', 'Sóc', 'Thảo'];
const PLACES = ['Nhà văn hóa ấp Tà Keo', 'Chùa Khmer Sóc Xoài', 'Hội trường UBND xã', 'Nhà ông Tư'];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export function attendee(n: number): Attendee {
  return {
    id: `a-${n}`,
    fullName: `${pick(FAMILY, n)} ${pick(MIDDLE, n * 7)} ${pick(GIVEN, n * 3)}`,
    sex: n % 2 === 0 ? 'female' : 'male',
    birthYear: 1950 + (n % 50),
    ethnicity: n % 5 === 0 ? 'khmer' : 'kinh',
    householdCategory: n % 3 === 0 ? 'poor' : 'none',
    isOfficial: false,
  };
}

/** Activity number `n` of a varied set; `attendees` names listed (counts follow the list). */
export function sampleActivity(n: number, attendees = 0, now = Date.now()): Activity {
  const type: ActivityType = pick(ACTIVITY_TYPES, n);
  const base = newActivity(type, {
    communeCode: '30730',
    authorId: 'bench-user',
    authorName: `${pick(FAMILY, n + 3)} ${pick(MIDDLE, n + 1)} ${pick(GIVEN, n + 5)}`,
    now,
  }) as Activity & Record<string, unknown>;
  const title = `${pick(TOPICS, n)} lần ${n}`;
  const people = Array.from({ length: attendees }, (_, i) => attendee(n * 1000 + i));
  const record: Record<string, unknown> = {
    ...base,
    id: uuidv7(now),
    status: 'complete',
    date: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    place: pick(PLACES, n),
    organiser: 'UBND xã',
    themes: ['multidimensional_poverty'],
    targetGroups: ['poor_households'],
    notes: 'Ghi chú: người dân đề nghị hỗ trợ con giống, vốn vay.',
  };
  if ('topic' in base) record.topic = title;
  else record.title = title;
  if (type === 'printed_materials') {
    record.quantities = {
      ...(base.quantities as object),
      leaflet: { printed: 500, distributed: 480 },
    };
  }
  if (type === 'dialogue') record.chair = pick(FAMILY, n) + ' Văn Chủ';
  if (type === 'community_talk') record.speaker = pick(FAMILY, n) + ' Thị Nói';
  if (type === 'mass_media') record.itemCount = 2;
  if (type !== 'printed_materials' && type !== 'mass_media') {
    record.attendanceMode = attendees > 0 ? 'list' : 'counts';
    record.attendees = people;
    record.participants =
      attendees > 0
        ? tallyAttendees(people)
        : { ...(base.participants as object), total: 35, female: 20 };
  }
  return record as Activity;
}
