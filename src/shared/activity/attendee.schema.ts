import { z } from 'zod';
import { ETHNICITIES, HOUSEHOLD_CATEGORIES, SEXES } from './activity-enums';
import { V } from '../validation/messages';

// Who took part: the counts block and the named attendee list. Apart from activity.schema.ts so
// the tally (attendance-tally.ts) and the rules can use these types without an import circle.

export const countSchema = z
  .number({ error: V.number })
  .int({ error: V.integer })
  .min(0, { error: V.nonNegative })
  .max(1_000_000_000_000, { error: V.invalidValue });

export const participantsSchema = z.object({
  total: countSchema,
  female: countSchema,
  khmer: countSchema,
  hoa: countSchema,
  otherMinority: countSchema,
  poor: countSchema,
  nearPoor: countSchema,
  newlyOutOfPoverty: countSchema,
  officials: countSchema,
});
export type Participants = z.infer<typeof participantsSchema>;

export const attendeeSchema = z.object({
  id: z.string().min(1),
  fullName: z.string().trim().min(1, { error: V.required }).max(120, { error: V.tooLong }),
  sex: z.enum(SEXES, { error: V.required }),
  birthYear: z
    .number({ error: V.number })
    .int({ error: V.integer })
    .min(1900, { error: V.birthYearRange })
    .max(2100, { error: V.birthYearRange }),
  ethnicity: z.enum(ETHNICITIES, { error: V.required }),
  householdCategory: z.enum(HOUSEHOLD_CATEGORIES, { error: V.required }),
  isOfficial: z.boolean(),
  phone: z
    .string()
    .regex(/^\+?[0-9 .]{8,15}$/, { error: V.invalidPhone })
    .optional(),
});
export type Attendee = z.infer<typeof attendeeSchema>;
