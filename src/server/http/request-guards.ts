import type { FastifyInstance } from 'fastify';
import { PROBLEM_TYPES } from '../../shared/sync/sync-protocol';
import { V } from '../../shared/validation/messages';
import { translateKey } from '../../shared/i18n/translate-key';
import { HttpProblem } from './problem';

/**
 * Refuses a NUL character in a path or query parameter before any route sees it: PostgreSQL
 * cannot compare text holding one (it would be a 500 where SQLite answers 404). Bodies are
 * checked by their zod schemas.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, values] of [
      ['params', request.params],
      ['query', request.query],
    ] as const) {
      if (!values || typeof values !== 'object') continue;
      for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
        const texts = Array.isArray(value) ? value : [value];
        if (texts.some((t) => typeof t === 'string' && t.includes('\u0000'))) {
          throw new HttpProblem(400, PROBLEM_TYPES.validation, 'invalidRequest', undefined, [
            {
              path: `${part}.${name}`,
              code: V.invalidValue,
              message: translateKey(V.invalidValue),
            },
          ]);
        }
      }
    }
  });
}
