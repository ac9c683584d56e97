import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../../shared/api/openapi-document';

/** The API description, built once from the shared zod schemas the routes validate with. */
export function registerOpenApiRoutes(app: FastifyInstance, version: string) {
  const openApi = buildOpenApiDocument(version);
  app.get('/api/openapi.json', async () => openApi);
}
