import type { FastifyInstance } from 'fastify';
import { PROBLEM_TYPES } from '../../../shared/sync/sync-protocol';
import type { DatabaseKind } from '../../db/database';
import { HttpProblem } from '../../http/problem';
import type { HealthRepository } from './health.repository';

/** A database slower than this to answer a one-row read is as good as down for a sync. */
const READINESS_TIMEOUT_MS = 2_000;

export function registerHealthRoutes(
  app: FastifyInstance,
  database: DatabaseKind,
  health: HealthRepository,
) {
  // Readiness: 200 only when the database answers, so a proxy or monitor sees a dead database.
  app.get('/api/health', async (request) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        health.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      request.log.error({ err: error }, 'health: the database does not answer');
      throw new HttpProblem(
        503,
        PROBLEM_TYPES.unavailable,
        'databaseUnavailable',
        undefined,
        undefined,
        { 'retry-after': '10' },
      );
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database };
  });
}
