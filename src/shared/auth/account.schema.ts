import { z } from 'zod';
import { ROLES } from './roles';
import { V } from '../validation/messages';
import { withoutNul } from '../sync/sync-protocol';

// Officer accounts as the admin API and the users CLI accept them.

export const MIN_PASSWORD_LENGTH = 8;

/** Lower-cased before checking: phones capitalise the first letter of a login field. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, { error: V.invalidUsername });

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: V.passwordTooShort })
  .max(256, { error: V.tooLong })
  .refine(withoutNul, { error: V.invalidValue });

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(ROLES, { error: V.invalidValue }),
  unitCode: z
    .string()
    .trim()
    .min(1, { error: V.required })
    .max(20, { error: V.tooLong })
    .refine(withoutNul, { error: V.invalidValue }),
  /** Defaults to the username. */
  displayName: z
    .string()
    .trim()
    .max(120, { error: V.tooLong })
    .refine(withoutNul, { error: V.invalidValue })
    .optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });
