import {
  commonErrors,
  components,
  json,
  jsonSchemaOf,
  problem,
  secured,
} from './openapi-components';
import { openApiAdminPaths } from './openapi-admin-paths';
import { openApiAuthPaths } from './openapi-auth-paths';
import { openApiRecordsPaths } from './openapi-records-paths';
import { reportExtensionPaths } from './openapi-report-paths';
import { openApiSyncPaths } from './openapi-sync-paths';
import { openApiTargetsPaths } from './openapi-targets-paths';

// The OpenAPI description is generated from the same zod schemas that validate requests, so the
// document cannot drift from what the server accepts. The operations live in one file per area.
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
      ...openApiSyncPaths(),
      ...openApiAuthPaths(),
      ...openApiRecordsPaths(),
      ...openApiAdminPaths(),
      ...openApiTargetsPaths(),
    },
  };
}
