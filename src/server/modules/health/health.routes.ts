import type { FastifyInstance } from 'fastify';
import type { DatabaseKind } from '../../db/database';

export function registerHealthRoutes(app: FastifyInstance, database: DatabaseKind) {
  app.get('/api/health', async () => ({ status: 'ok', database }));
}
