import { agenciesResponseSchema, agencySchema } from '../agencies/agency.schema';
import { z } from 'zod';
import { activitySchema } from '../activity/activity-record.schema';
import { adminUnitSchema } from '../admin-units/admin-unit.schema';
import {
  accountSummarySchema,
  auditLogResponseSchema,
  createUserResponseSchema,
  usersResponseSchema,
} from '../auth/account-admin.schema';
import {
  changeOwnPasswordRequestSchema,
  createUserRequestSchema,
  generatedPasswordResponseSchema,
  moveUserRequestSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
} from '../auth/account.schema';
import { activityPhotoSchema } from '../photos/photo.schema';
import { photoUploadStatusSchema } from '../photos/photo-upload-protocol';
import { geographySchema } from '../geography/geography.schema';
import {
  historyResponseSchema,
  mutationSchema,
  problemSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../sync/sync-protocol';
import {
  deviceSchema,
  devicesResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  publicUserSchema,
} from '../auth/auth-protocol';
import { summaryReportSchema } from '../reports/report-api';
import { monthlyActivitiesSchema } from '../reports/monthly-activities';
import { reportExtensionComponents } from './openapi-report-paths';
import { targetSetSchema, unitTargetsSchema } from '../reports/report-targets';
import { recordAuthorsSchema, recordDetailSchema, recordsPageSchema } from '../records/records-api';

// The OpenAPI description is generated from the same zod schemas that validate requests, so the
// document cannot drift from what the server accepts.
export const components = {
  Activity: activitySchema,
  AdminUnit: adminUnitSchema,
  Mutation: mutationSchema,
  PushRequest: pushRequestSchema,
  PushResponse: pushResponseSchema,
  PullResponse: pullResponseSchema,
  LoginRequest: loginRequestSchema,
  LoginResponse: loginResponseSchema,
  PublicUser: publicUserSchema,
  Problem: problemSchema,
  Device: deviceSchema,
  DevicesResponse: devicesResponseSchema,
  HistoryResponse: historyResponseSchema,
  CreateUserRequest: createUserRequestSchema,
  ResetPasswordRequest: resetPasswordRequestSchema,
  UpdateUserRequest: updateUserRequestSchema,
  ChangeOwnPasswordRequest: changeOwnPasswordRequestSchema,
  GeneratedPasswordResponse: generatedPasswordResponseSchema,
  AccountSummary: accountSummarySchema,
  UsersResponse: usersResponseSchema,
  CreateUserResponse: createUserResponseSchema,
  AuditLogResponse: auditLogResponseSchema,
  ActivityPhoto: activityPhotoSchema,
  PhotoUploadStatus: photoUploadStatusSchema,
  MoveUserRequest: moveUserRequestSchema,
  Agency: agencySchema,
  AgenciesResponse: agenciesResponseSchema,
  Geography: geographySchema,
  SummaryReport: summaryReportSchema,
  MonthlyActivities: monthlyActivitiesSchema,
  RecordsPage: recordsPageSchema,
  RecordDetail: recordDetailSchema,
  RecordAuthors: recordAuthorsSchema,
  ...reportExtensionComponents,
  TargetSet: targetSetSchema,
  UnitTargets: unitTargetsSchema,
};

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

export const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: keyof typeof components) => ({
  'application/json': { schema: ref(name) },
});
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
export const secured = [{ bearerAuth: [] }];
export const commonErrors = {
  '400': problem('Malformed request (Vietnamese detail, field errors)'),
  '401': problem('Missing, expired or revoked token'),
  '403': problem('Outside the caller’s role or admin unit'),
  '429': problem('Rate limited'),
};

export const sha256Param = {
  name: 'sha256',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
};

export function byteHeader(name: string, description: string) {
  return {
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'integer', minimum: 0 },
  };
}

export function pathParam(name: string) {
  return { name, in: 'path', required: true, schema: { type: 'string' } };
}
