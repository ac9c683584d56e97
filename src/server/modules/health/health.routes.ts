import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../../shared/api/openapi-document';
import type { DatabaseKind } from '../../db/database';

export function registerHealthRoutes(
  app: FastifyInstance,
  database: DatabaseKind,
  version: string,
) {
  app.get('/api/health', async () => ({ status: 'ok', database }));
  const openApi = buildOpenApiDocument(version);
  app.get('/api/openapi.json', async () => openApi);
}
