import type { FastifyInstance } from 'fastify';
import { PROBLEM_TYPES } from '../../shared/sync/sync-protocol';
import { V } from '../../shared/validation/messages';
import { translateKey } from '../../shared/i18n/translate-key';
import { HttpProblem } from './problem';

const hasNul = (value: unknown) => typeof value === 'string' && value.includes('\u0000');

const nulRefused = (path: string) =>
  new HttpProblem(400, PROBLEM_TYPES.validation, 'invalidRequest', undefined, [
    { path, code: V.invalidValue, message: translateKey(V.invalidValue) },
  ]);

/** The dotted path (as field errors name it) of the first string holding a NUL, or null. */
function nulPath(value: unknown, path: string[], depth = 0): string[] | null {
  if (hasNul(value)) return path;
  // Bodies are depth-limited before parsing (http-hardening); this bound is only a backstop.
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (hasNul(key)) return [...path, key];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character in a path or query parameter, or in any string of a JSON body, before
 * any route sees it: PostgreSQL cannot store or compare text holding one (a 500 where SQLite
 * would answer or even store it). The push is the exception: a record's text may hold a NUL
 * (it stays in its JSON), and a bad mutation is refused alone, not its batch (SyncService.push).
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
        if (texts.some(hasNul)) throw nulRefused(`${part}.${name}`);
      }
    }
    const body = request.body;
    if (request.routeOptions.url === '/api/sync/push' || body === null) return;
    const prototype = typeof body === 'object' ? Object.getPrototypeOf(body) : null;
    // Plain parsed JSON only (a photo chunk is a stream, the push's body its raw text).
    if (prototype !== Object.prototype && prototype !== Array.prototype) return;
    const path = nulPath(body, []);
    if (path) throw nulRefused(path.length > 0 ? path.join('.') : 'body');
  });
}
