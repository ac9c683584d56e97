import { newActivity } from '../../../src/shared/activity/activity-factory';
import type { Activity, DialogueActivity } from '../../../src/shared/activity/activity.schema';
import type { ActivityType } from '../../../src/shared/activity/activity-enums';

export const COMMUNE = '30730'; // Phường Vĩnh Thanh Vân
export const OTHER_COMMUNE = '30733'; // Phường Vĩnh Thanh

let clock = Date.parse('2025-03-01T02:00:00Z');

/** A valid draft activity of the given type; `date` defaults to a fixed past day. */
export function makeActivity(
  type: ActivityType = 'other',
  overrides: Record<string, unknown> = {},
  communeCode = COMMUNE,
): Activity {
  clock += 1000;
  const base = newActivity(type, {
    communeCode,
    authorId: 'u-1',
    authorName: 'Nguyễn Văn An',
    now: clock,
  });
  return { ...base, date: '2025-02-14', ...overrides } as Activity;
}

export function makeDialogue(overrides: Partial<DialogueActivity> = {}): DialogueActivity {
  return makeActivity('dialogue', {
    topic: 'Đối thoại chính sách giảm nghèo với hộ nghèo',
    chair: 'Đặng Thị Hoa',
    ...overrides,
  }) as DialogueActivity;
}
