import { refineActivity } from './activity-rules';
import { activityShapeSchema } from './activity.schema';

/** The record schema: structure per type, plus cross-field rules (see activity-rules.ts). */
export const activitySchema = activityShapeSchema.superRefine((activity, ctx) => {
  for (const issue of refineActivity(activity)) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
});
