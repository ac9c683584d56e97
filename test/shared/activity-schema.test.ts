import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../src/shared/activity/activity.schema';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';

const ctx = { communeCode: '30730', authorId: 'u1', authorName: 'Nguyễn Văn A', now: Date.parse('2024-05-10T03:00:00Z') };

describe('activity schema', () => {
  it.each(ACTIVITY_TYPES)('accepts a blank draft of %s', (type) => {
    const result = activitySchema.safeParse(newActivity(type, ctx));
    expect(result.error?.issues).toBeUndefined();
  });
});
