import { z } from 'zod';
import { ROLES } from './roles';
import { V } from '../validation/messages';
import { withoutNul } from '../text/without-nul';

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
  /** Absent: the server makes one up and answers it once (the accounts screen does this). */
  password: passwordSchema.optional(),
  role: z.enum(ROLES, { error: V.invalidValue }),
  unitCode: z
    .string()
    .trim()
    .min(1, { error: V.required })
    .max(20, { error: V.tooLong })
    .refine(withoutNul, { error: V.invalidValue }),
  /** The geography of `unitCode`; the one in force today when absent. */
  geographyId: z.string().trim().min(1).max(60, { error: V.tooLong }).optional(),
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

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { error: V.required })
  .max(120, { error: V.tooLong });

/** What an admin may change on an account; at least one field. */
export const updateUserRequestSchema = z
  .object({
    role: z.enum(ROLES, { error: V.invalidValue }).optional(),
    unitCode: z
      .string()
      .trim()
      .min(1, { error: V.required })
      .max(20, { error: V.tooLong })
      .optional(),
    /** The geography of `unitCode` (default: the one in force today). */
    geographyId: z.string().trim().min(1).max(60, { error: V.tooLong }).optional(),
    displayName: displayNameSchema.optional(),
    /** true: the account can no longer log in and all its devices stop syncing at once. */
    disabled: z.boolean({ error: V.invalidValue }).optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    error: V.required,
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** An officer changing their own password (the current one proves it is them). */
export const changeOwnPasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, { error: V.required }).max(256, { error: V.tooLong }),
  newPassword: passwordSchema,
});
export type ChangeOwnPasswordRequest = z.infer<typeof changeOwnPasswordRequestSchema>;

/** A password the server made up, shown to the admin once (never stored in clear). */
export const generatedPasswordResponseSchema = z.object({ password: z.string() });

/** Moving an account to another unit (the July 2025 reorganisation): same account, new scope. */
export const moveUserRequestSchema = z.object({
  unitCode: z.string().trim().min(1, { error: V.required }).max(20, { error: V.tooLong }),
  /** The geography of `unitCode`; the one in force today when absent. */
  geographyId: z.string().trim().min(1).max(60, { error: V.tooLong }).optional(),
  /** Keeps the account's role when absent. */
  role: z.enum(ROLES, { error: V.invalidValue }).optional(),
});
export type MoveUserRequest = z.infer<typeof moveUserRequestSchema>;
