import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAuthorsQuerySchema, recordsQuerySchema } from '../../../shared/records/records-api';
import { parseWith } from '../../http/parse';
import { authOf, type AuthHook } from '../auth/authenticate';
import type { RecordsService } from './records.service';

const detailParamsSchema = z.object({ recordId: z.uuid() });

export function registerRecordsRoutes(
  app: FastifyInstance,
  records: RecordsService,
  authenticate: AuthHook,
) {
  app.get('/api/records', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(recordsQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    return records.page(authOf(request), query);
  });

  app.get('/api/records/authors', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(recordAuthorsQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    return records.authors(authOf(request), query);
  });

  app.get('/api/records/:recordId', { onRequest: authenticate }, async (request, reply) => {
    const { recordId } = parseWith(detailParamsSchema, request.params);
    reply.header('cache-control', 'private, no-store');
    return records.detail(authOf(request), recordId);
  });
}
