import { z } from 'zod';
import { withoutNul } from '../text/without-nul';
import { ROLES } from './roles';

// Wire types of login, the logged-in user and their devices (docs/sync-protocol.md,
// Authentication); the sync API's own types are in ../sync/sync-protocol.ts.

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitCode: z.string(),
  /** The geography of `unitCode` (codes are reused between geographies). */
  geographyId: z.string(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64).refine(withoutNul),
  password: z.string().min(1).max(256).refine(withoutNul),
  deviceName: z.string().trim().min(1).max(120).refine(withoutNul),
  /**
   * The key this device got at an earlier login to this account (`deviceKey` of the answer):
   * proves the device already logged in, so other people's failed guesses never lock it out.
   */
  deviceKey: z.string().min(1).max(100).refine(withoutNul).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A logged-in device (one bearer token). */
export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** Sliding: every use moves it forward (see docs/sync-protocol.md). */
  expiresAt: z.string(),
  /** True for the device whose token made this request. */
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: publicUserSchema,
  /** The device row the token is bound to (its id revokes it: DELETE /api/auth/devices/:id). */
  device: deviceSchema.optional(),
  /** Keep it (per account) and send it with the next login: see `LoginRequest.deviceKey`. */
  deviceKey: z.string().optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const devicesResponseSchema = z.object({ devices: z.array(deviceSchema) });
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;
