import { newActivity } from '../../../src/shared/activity/activity-factory';
import type { Activity } from '../../../src/shared/activity/activity.schema';
import { uuidv7 } from '../../../src/shared/ids/uuidv7';
import type { Mutation } from '../../../src/shared/sync/sync-protocol';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';

// Units of Kiên Giang (2024) the tests use; records default to a day before the July 2025
// switch, when those were the communes in force (test/server/geography-*.test.ts cover after).
export const PRE_SWITCH_DAY = '2025-06-20';
export const UNITS = {
  province: '91',
  rachGia: '899', // Thành phố Rạch Giá
  vinhThanh: '30733', // Phường Vĩnh Thanh, in Rạch Giá
  vinhQuang: '30736', // Phường Vĩnh Quang, in Rạch Giá
  haTien: '900', // Thành phố Hà Tiên
  dongHo: '30769', // Phường Đông Hồ, in Hà Tiên
} as const;

/** A valid community talk held on PRE_SWITCH_DAY in `communeCode` (2024), written by `author`. */
export function talk(
  author: PublicUser,
  communeCode: string,
  overrides: Partial<Activity> = {},
): Activity {
  const activity = newActivity('community_talk', {
    communeCode,
    authorId: author.id,
    authorName: author.displayName,
    now: Date.now() - 24 * 3600_000,
  });
  return {
    ...activity,
    topic: 'Chính sách hỗ trợ hộ nghèo',
    speaker: 'Trần Văn Bình',
    place: 'Nhà văn hóa khu phố 2',
    date: PRE_SWITCH_DAY,
    participants: { ...activity.participants, total: 40, female: 22, poor: 10 },
    ...overrides,
  } as Activity;
}

export function upsert(data: Activity, baseRev: number | null = null): Mutation {
  return {
    mutationId: uuidv7(),
    recordId: data.id,
    op: 'upsert',
    baseRev,
    data,
    clientTime: new Date().toISOString(),
  };
}

export function remove(recordId: string, baseRev: number | null): Mutation {
  return {
    mutationId: uuidv7(),
    recordId,
    op: 'delete',
    baseRev,
    data: null,
    clientTime: new Date().toISOString(),
  };
}
