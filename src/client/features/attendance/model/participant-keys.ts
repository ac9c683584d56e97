import type { Participants } from '../../../../shared/activity/activity.schema';

export const PARTICIPANT_KEYS: readonly (keyof Participants)[] = [
  'total',
  'female',
  'khmer',
  'hoa',
  'otherMinority',
  'poor',
  'nearPoor',
  'newlyOutOfPoverty',
  'officials',
];
