import { z } from 'zod';
import {
  auditLogResponseSchema,
  createUserResponseSchema,
  accountSummarySchema,
  usersResponseSchema,
  type AccountSummary,
  type AuditLogResponse,
  type CreateUserResponse,
} from '../../../../shared/auth/account-admin.schema';
import {
  generatedPasswordResponseSchema,
  type ChangeOwnPasswordRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '../../../../shared/auth/account.schema';
import { devicesResponseSchema, type Device } from '../../../../shared/auth/auth-protocol';
import type { Agency } from '../../../../shared/agencies/agency';
import { agenciesResponseSchema, agencySchema } from '../../../../shared/agencies/agency.schema';
import { request, requestNoContent, type AuthorizedConfig } from '../../../lib/http/api-client';

// The accounts screens' calls: /api/admin/* (admin only, enforced by the server) and the
// officer's own devices and password.

const userAnswer = z.object({ user: accountSummarySchema });
const revokedAnswer = z.object({ revoked: z.number().int() });
const id = (value: string) => encodeURIComponent(value);

export async function listUsers(api: AuthorizedConfig): Promise<AccountSummary[]> {
  return (await request(api, 'GET', '/api/admin/users', api.token, undefined, usersResponseSchema))
    .users;
}

export function createUser(
  api: AuthorizedConfig,
  body: CreateUserRequest,
): Promise<CreateUserResponse> {
  return request(api, 'POST', '/api/admin/users', api.token, body, createUserResponseSchema);
}

export async function updateUser(
  api: AuthorizedConfig,
  userId: string,
  patch: UpdateUserRequest,
): Promise<AccountSummary> {
  return (
    await request(api, 'PATCH', `/api/admin/users/${id(userId)}`, api.token, patch, userAnswer)
  ).user;
}

/** A new password made by the server, to show once. */
export async function resetPassword(api: AuthorizedConfig, userId: string): Promise<string> {
  const path = `/api/admin/users/${id(userId)}/password-reset`;
  return (await request(api, 'POST', path, api.token, undefined, generatedPasswordResponseSchema))
    .password;
}

export async function listUserDevices(api: AuthorizedConfig, userId: string): Promise<Device[]> {
  const path = `/api/admin/users/${id(userId)}/devices`;
  return (await request(api, 'GET', path, api.token, undefined, devicesResponseSchema)).devices;
}

export function revokeUserDevice(
  api: AuthorizedConfig,
  userId: string,
  deviceId: string,
): Promise<void> {
  const path = `/api/admin/users/${id(userId)}/devices/${id(deviceId)}`;
  return requestNoContent(api, 'DELETE', path, api.token);
}

export async function revokeAllUserDevices(api: AuthorizedConfig, userId: string): Promise<number> {
  const path = `/api/admin/users/${id(userId)}/devices`;
  return (await request(api, 'DELETE', path, api.token, undefined, revokedAnswer)).revoked;
}

export function auditLog(
  api: AuthorizedConfig,
  query: { userId?: string; before?: string; limit?: number } = {},
): Promise<AuditLogResponse> {
  const params = new URLSearchParams();
  if (query.userId) params.set('userId', query.userId);
  if (query.before) params.set('before', query.before);
  if (query.limit) params.set('limit', String(query.limit));
  const search = params.toString();
  const path = search ? `/api/admin/audit-log?${search}` : '/api/admin/audit-log';
  return request(api, 'GET', path, api.token, undefined, auditLogResponseSchema);
}

export async function listOwnDevices(api: AuthorizedConfig): Promise<Device[]> {
  return (
    await request(api, 'GET', '/api/auth/devices', api.token, undefined, devicesResponseSchema)
  ).devices;
}

export function revokeOwnDevice(api: AuthorizedConfig, deviceId: string): Promise<void> {
  return requestNoContent(api, 'DELETE', `/api/auth/devices/${id(deviceId)}`, api.token);
}

export function changeOwnPassword(
  api: AuthorizedConfig,
  body: ChangeOwnPasswordRequest,
): Promise<void> {
  return requestNoContent(api, 'PUT', '/api/auth/password', api.token, body);
}

export async function listAgencies(api: AuthorizedConfig): Promise<Agency[]> {
  return (await request(api, 'GET', '/api/agencies', api.token, undefined, agenciesResponseSchema))
    .agencies;
}

/** Adds or replaces an organising agency (admin); phones get it on their next pull. */
export async function saveAgency(api: AuthorizedConfig, agency: Agency): Promise<Agency> {
  const answer = z.object({ agency: agencySchema });
  return (
    await request(api, 'PUT', `/api/admin/agencies/${id(agency.id)}`, api.token, agency, answer)
  ).agency;
}
