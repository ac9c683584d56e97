import { z } from 'zod';
import { publicUserSchema } from './auth-protocol';

// Wire types of the accounts screen (admin): the account list and the audit log of every change.

export const accountSummarySchema = publicUserSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When an admin disabled the account; null while it may log in. */
  disabledAt: z.string().nullable(),
  /** Devices that can still sync (not revoked, not expired). */
  activeDevices: z.number().int(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const usersResponseSchema = z.object({ users: z.array(accountSummarySchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;

export const createUserResponseSchema = z.object({
  user: accountSummarySchema,
  /** Only when the request named no password: the one the server chose, shown once. */
  password: z.string().optional(),
});
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;

export const AUDIT_ACTIONS = [
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'user.unit_changed',
  'user.name_changed',
  'user.password_reset',
  'user.password_changed',
  'device.revoked',
  'device.all_revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  /** Server time, ISO 8601. */
  at: z.string(),
  /** Who made the change: an account, or null for the server's command line (`npm run users`). */
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  targetUserId: z.string(),
  targetUsername: z.string(),
  /** What changed, e.g. {"from":"commune","to":"district"} or {"deviceName":"Samsung A05"}. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_SIZE = 50;
export const auditLogQuerySchema = z.object({
  userId: z.string().min(1).max(100).optional(),
  /** The `id` of the last entry already shown: the next page is older than it. */
  before: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
});

export const auditLogResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for older entries; absent on the last page. */
  nextBefore: z.string().optional(),
});
export type AuditLogResponse = z.infer<typeof auditLogResponseSchema>;
