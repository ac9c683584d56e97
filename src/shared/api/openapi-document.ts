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
import { MAX_PHOTO_BYTES } from '../photos/photo-limits';
import { photoUploadStatusSchema } from '../photos/photo-upload-protocol';
import { geographySchema } from '../geography/geography.schema';
import {
  historyResponseSchema,
  mutationSchema,
  problemSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  MAX_PULL_LIMIT,
} from '../sync/sync-protocol';
import {
  deviceSchema,
  devicesResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  publicUserSchema,
} from '../auth/auth-protocol';
import { REPORT_FORMATS, summaryReportSchema } from '../reports/report-api';
import { monthlyActivitiesSchema } from '../reports/monthly-activities';
import { reportExtensionComponents, reportExtensionPaths } from './openapi-report-paths';
import { MAX_RECORDS_PAGE, recordDetailSchema, recordsPageSchema } from '../records/records-api';

// The OpenAPI description is generated from the same zod schemas that validate requests, so the
// document cannot drift from what the server accepts.
const components = {
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
  ...reportExtensionComponents,
};

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof components) => ({ 'application/json': { schema: ref(name) } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const secured = [{ bearerAuth: [] }];
const commonErrors = {
  '400': problem('Malformed request (Vietnamese detail, field errors)'),
  '401': problem('Missing, expired or revoked token'),
  '403': problem('Outside the caller’s role or admin unit'),
  '429': problem('Rate limited'),
};

export function buildOpenApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'outreach-log API',
      version,
      description:
        'Sync API of outreach-log (Kế hoạch 106/KH-UBND). See docs/sync-protocol.md for semantics.',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(
        Object.entries(components).map(([name, schema]) => [name, jsonSchemaOf(schema)]),
      ),
    },
    paths: {
      ...reportExtensionPaths({ json, problem, commonErrors, secured }),
      '/api/health': {
        get: {
          summary: 'Readiness: the database answers',
          responses: {
            '200': { description: '{"status":"ok","database":"sqlite"|"postgres"}' },
            '503': problem('The database does not answer (within 2 s)'),
          },
        },
      },
      '/api/auth/login': {
        post: {
          summary: 'Log in on a device; returns a bearer token bound to that device',
          requestBody: { required: true, content: json('LoginRequest') },
          responses: {
            '200': { description: 'Logged in', content: json('LoginResponse') },
            ...commonErrors,
          },
        },
      },
      '/api/auth/me': {
        get: {
          summary: 'The logged-in officer',
          security: secured,
          responses: {
            '200': { description: 'Officer', content: json('PublicUser') },
            ...commonErrors,
          },
        },
      },
      '/api/sync/push': {
        post: {
          summary: 'Apply a batch of mutations in one transaction, idempotent on mutationId',
          security: secured,
          requestBody: { required: true, content: json('PushRequest') },
          responses: {
            '200': { description: 'Per-mutation results', content: json('PushResponse') },
            '413': problem('Batch too large'),
            ...commonErrors,
          },
        },
      },
      '/api/sync/pull': {
        get: {
          summary: 'Changes the caller may see, after a cursor',
          security: secured,
          parameters: [
            { name: 'since', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_PULL_LIMIT },
            },
            {
              name: 'unit',
              in: 'query',
              required: false,
              description: 'Only activities within this unit (inside the caller’s scope)',
              schema: { type: 'string' },
            },
            {
              name: 'geography',
              in: 'query',
              required: false,
              description: 'Geography of `unit` (default: that of the caller’s own unit)',
              schema: { type: 'string' },
            },
            {
              name: 'count',
              in: 'query',
              required: false,
              description:
                '`activities`: the answer carries `remaining`, the activity changes after this page',
              schema: { type: 'string', enum: ['activities'] },
            },
          ],
          responses: {
            '200': { description: 'A page of changes', content: json('PullResponse') },
            ...commonErrors,
          },
        },
      },
      '/api/sync/history/{recordId}': {
        get: {
          summary: 'Every stored version of an activity, oldest first',
          security: secured,
          parameters: [pathParam('recordId')],
          responses: {
            '200': { description: 'Versions', content: json('HistoryResponse') },
            '404': problem('No such record'),
            ...commonErrors,
          },
        },
      },
      '/api/reports/summary': {
        get: {
          summary:
            'Figures of a unit in a period (plan 106 section V), per form and child unit, summed in SQL',
          description:
            'format=json (SummaryReport), csv (UTF-8 with BOM, one row per unit and form) or xlsx ' +
            '(a summary sheet and one sheet per form). Only units within the caller’s scope.',
          security: secured,
          parameters: [
            { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'from',
              in: 'query',
              required: true,
              schema: { type: 'string', format: 'date' },
            },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: [...REPORT_FORMATS] },
            },
            {
              name: 'lang',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['vi', 'en'] },
            },
          ],
          responses: {
            '200': {
              description: 'The report',
              content: {
                ...json('SummaryReport'),
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            },
            ...commonErrors,
          },
        },
      },
      '/api/reports/monthly': {
        get: {
          summary:
            'Complete activities of a unit per month and form in a period (the report chart)',
          security: secured,
          parameters: [
            { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'from',
              in: 'query',
              required: true,
              schema: { type: 'string', format: 'date' },
            },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          ],
          responses: {
            '200': { description: 'Activities per month', content: json('MonthlyActivities') },
            ...commonErrors,
          },
        },
      },
      '/api/records': {
        get: {
          summary:
            'Records within the caller’s scope, newest first, filtered (unit, form, status, dates, author, words without diacritics), keyset pages',
          security: secured,
          parameters: [
            { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'form', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['draft', 'complete'] },
            },
            {
              name: 'from',
              in: 'query',
              required: false,
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'to',
              in: 'query',
              required: false,
              schema: { type: 'string', format: 'date' },
            },
            { name: 'author', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_RECORDS_PAGE },
            },
          ],
          responses: {
            '200': { description: 'A page', content: json('RecordsPage') },
            ...commonErrors,
          },
        },
      },
      '/api/records/{recordId}': {
        get: {
          summary: 'One record as stored now (its history: /api/sync/history/{recordId})',
          security: secured,
          parameters: [pathParam('recordId')],
          responses: {
            '200': { description: 'The record', content: json('RecordDetail') },
            '404': problem('No such record'),
            ...commonErrors,
          },
        },
      },
      '/api/auth/devices': {
        get: {
          summary: 'The caller’s devices that can still sync',
          security: secured,
          responses: {
            '200': { description: 'Devices', content: json('DevicesResponse') },
            ...commonErrors,
          },
        },
      },
      '/api/auth/devices/{id}': {
        delete: {
          summary: 'Revoke a device’s token (own device; admin: any)',
          security: secured,
          parameters: [pathParam('id')],
          responses: {
            '204': { description: 'Revoked' },
            '404': problem('No such device'),
            ...commonErrors,
          },
        },
      },
      '/api/auth/logout': {
        post: {
          summary: 'Revoke the caller’s own token',
          security: secured,
          responses: { '204': { description: 'Logged out' }, ...commonErrors },
        },
      },
      '/api/auth/password': {
        put: {
          summary: 'Change the caller’s own password; their other devices are logged out',
          security: secured,
          requestBody: { required: true, content: json('ChangeOwnPasswordRequest') },
          responses: { '204': { description: 'Changed' }, ...commonErrors },
        },
      },
      '/api/photos/{sha256}/upload': {
        get: {
          summary: 'How many bytes of a photo the server holds (offset; stored once complete)',
          security: secured,
          parameters: [sha256Param],
          responses: {
            '200': { description: 'Upload status', content: json('PhotoUploadStatus') },
            ...commonErrors,
          },
        },
        patch: {
          summary:
            'Append raw bytes at Upload-Offset; the last chunk completes the photo after its SHA-256 is verified. A stored photo is a no-op.',
          security: secured,
          parameters: [
            sha256Param,
            byteHeader('Upload-Offset', 'Where this chunk starts (the status offset)'),
            byteHeader('Upload-Length', `The whole photo's size (≤ ${MAX_PHOTO_BYTES})`),
          ],
          requestBody: {
            required: true,
            content: {
              'application/offset+octet-stream': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
          responses: {
            '200': { description: 'New status', content: json('PhotoUploadStatus') },
            '409': problem('Offset is not where the server’s copy ends (header Upload-Offset)'),
            '413': problem('Longer than allowed or than Upload-Length'),
            '415': problem('Not application/offset+octet-stream, or not a JPEG/WebP'),
            '422': problem('The bytes do not hash to the name: discarded, start again'),
            ...commonErrors,
          },
        },
      },
      '/api/photos/{sha256}': {
        get: {
          summary: 'A stored photo, for its uploader and readers of an activity referencing it',
          security: secured,
          parameters: [sha256Param],
          responses: {
            '200': {
              description: 'The photo bytes',
              content: {
                'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
                'image/webp': { schema: { type: 'string', contentMediaType: 'image/webp' } },
              },
            },
            '404': problem('Not stored'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/users': {
        get: {
          summary: 'All accounts with their number of active devices (admin)',
          security: secured,
          responses: {
            '200': { description: 'Accounts', content: json('UsersResponse') },
            ...commonErrors,
          },
        },
        post: {
          summary: 'Create an officer account; without a password the server makes one (admin)',
          security: secured,
          requestBody: { required: true, content: json('CreateUserRequest') },
          responses: {
            '201': { description: 'Created', content: json('CreateUserResponse') },
            '409': problem('Username taken'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/users/{id}': {
        patch: {
          summary:
            'Change role, unit, name or disable/enable (admin); role, unit and disabling end the account’s sessions',
          security: secured,
          parameters: [pathParam('id')],
          requestBody: { required: true, content: json('UpdateUserRequest') },
          responses: {
            '200': { description: '{"user": AccountSummary}' },
            '404': problem('No such user'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/users/{id}/password': {
        put: {
          summary: 'Set a chosen password and end every session (admin)',
          security: secured,
          parameters: [pathParam('id')],
          requestBody: { required: true, content: json('ResetPasswordRequest') },
          responses: {
            '204': { description: 'Changed' },
            '404': problem('No such user'),
            ...commonErrors,
          },
        },
      },
      '/api/agencies': {
        get: {
          summary: 'Organising agencies with their validity dates (phones also get them by pull)',
          security: secured,
          responses: {
            '200': { description: 'Every agency', content: json('AgenciesResponse') },
            ...commonErrors,
          },
        },
      },
      '/api/admin/agencies/{id}': {
        put: {
          summary: 'Add or replace an organising agency; phones get it on their next pull (admin)',
          security: secured,
          parameters: [pathParam('id')],
          requestBody: { required: true, content: json('Agency') },
          responses: {
            '200': { description: '{"agency": Agency}' },
            ...commonErrors,
          },
        },
      },
      '/api/admin/users/{id}/unit': {
        put: {
          summary: 'Move an account to another unit and role, keeping devices and history (admin)',
          security: secured,
          parameters: [pathParam('id')],
          requestBody: { required: true, content: json('MoveUserRequest') },
          responses: {
            '200': { description: '{"user": PublicUser}' },
            '404': problem('No such user'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/users/{id}/password-reset': {
        post: {
          summary: 'Set a server-made password, answered once, and end every session (admin)',
          security: secured,
          parameters: [pathParam('id')],
          responses: {
            '200': { description: 'The new password', content: json('GeneratedPasswordResponse') },
            '404': problem('No such user'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/users/{id}/devices': {
        get: {
          summary: 'A user’s active devices (admin)',
          security: secured,
          parameters: [pathParam('id')],
          responses: {
            '200': { description: 'Devices', content: json('DevicesResponse') },
            ...commonErrors,
          },
        },
        delete: {
          summary: 'Revoke all of a user’s tokens (admin)',
          security: secured,
          parameters: [pathParam('id')],
          responses: { '200': { description: '{"revoked": n}' }, ...commonErrors },
        },
      },
      '/api/admin/users/{id}/devices/{deviceId}': {
        delete: {
          summary: 'Revoke one of a user’s devices (admin)',
          security: secured,
          parameters: [pathParam('id'), pathParam('deviceId')],
          responses: {
            '204': { description: 'Revoked' },
            '404': problem('No such device of this user'),
            ...commonErrors,
          },
        },
      },
      '/api/admin/audit-log': {
        get: {
          summary: 'Changes made to accounts, newest first (admin)',
          security: secured,
          parameters: [
            { name: 'userId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'before', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 200 },
            },
          ],
          responses: {
            '200': { description: 'Entries', content: json('AuditLogResponse') },
            ...commonErrors,
          },
        },
      },
    },
  };
}

const sha256Param = {
  name: 'sha256',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
};

function byteHeader(name: string, description: string) {
  return {
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'integer', minimum: 0 },
  };
}

function pathParam(name: string) {
  return { name, in: 'path', required: true, schema: { type: 'string' } };
}
