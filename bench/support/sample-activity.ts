import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import type { Activity } from '../../src/shared/activity/activity.schema';

/** A filled-in activity of realistic size (~1 kB of JSON), the i-th of a varied series. */
export function sampleActivity(
  i: number,
  ctx: {
    communeCode: string;
    authorId: string;
    authorName?: string;
    now?: number;
    /** The geography of `communeCode` (the factory's default: Kiên Giang 2024). */
    geographyId?: string;
  },
): Activity {
  const type = ACTIVITY_TYPES[i % ACTIVITY_TYPES.length]!;
  const base = newActivity(type, {
    communeCode: ctx.communeCode,
    ...(ctx.geographyId ? { geographyId: ctx.geographyId } : {}),
    authorId: ctx.authorId,
    authorName: ctx.authorName ?? 'Nguyễn Thị Lan',
    now: ctx.now ?? Date.now() - 24 * 3600_000,
  });
  return {
    ...base,
    place: `Nhà văn hóa khu phố ${i % 12}`,
    organiser: 'UBND phường Vĩnh Thanh',
    themes: ['programme_goals', 'multidimensional_poverty'],
    targetGroups: ['poor_households', 'residents'],
    participants: {
      ...base.participants,
      total: 40 + (i % 30),
      female: 20,
      poor: 8,
      nearPoor: 5,
    },
    notes: 'Người dân quan tâm chính sách vay vốn và bảo hiểm y tế cho hộ cận nghèo.',
  } as Activity;
}
