import { json, problem, commonErrors, secured, pathParam } from './openapi-components';

// OpenAPI operations: accounts, agencies and the audit log (admin).
export function openApiAdminPaths() {
  return {
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
  };
}
