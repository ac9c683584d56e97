import { json, problem, commonErrors, secured, pathParam } from './openapi-components';

// OpenAPI operations: login, the session and the own devices and password.
export function openApiAuthPaths() {
  return {
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
  };
}
