import { z } from 'zod';
import { activitySchema } from '../activity/activity.schema';
import { adminUnitSchema } from '../admin-units/admin-unit.schema';
import {
  loginRequestSchema,
  loginResponseSchema,
  mutationSchema,
  problemSchema,
  publicUserSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  MAX_PULL_LIMIT,
} from '../sync/sync-protocol';

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
      '/api/health': {
        get: {
          summary: 'Liveness and database kind',
          responses: { '200': { description: '{"status":"ok","database":"sqlite"|"postgres"}' } },
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
          ],
          responses: {
            '200': { description: 'A page of changes', content: json('PullResponse') },
            ...commonErrors,
          },
        },
      },
    },
  };
}
