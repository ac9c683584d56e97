import { enAccount } from './en-account';
import { enActivities } from './en-activities';
import { enLabels } from './en-labels';
import { enStart } from './en-start';
import type { Dictionary } from './vi';

// The English dictionary: the same keys as vi.ts (the type says so), in the same parts by screen.
// Loaded lazily as one chunk when a user picks English.
export const en: Dictionary = { ...enStart, ...enLabels, ...enActivities, ...enAccount };
