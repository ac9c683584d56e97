import { viAppAccount } from './vi-app-account';
import { viAppActivities } from './vi-app-activities';
import { viAppLabels } from './vi-app-labels';

// The signed-in app's Vietnamese texts (everything not in vi-start.ts). They load with the
// signed-in chunk, not with the login screen, to keep the first load within its budget. Kept in
// three parts by screen so no file grows past a screenful of sections.
export const viApp = { ...viAppLabels, ...viAppActivities, ...viAppAccount };
