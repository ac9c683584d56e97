import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem';

/** Deeper than any request of the API (a push is about 6 levels): refused before parsing. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, or `limit + 1` as soon as it goes deeper: one linear pass
 * over the characters, far cheaper than building a million nested arrays to throw away.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Replaces Fastify's JSON parser: the body (already capped by the route's bodyLimit) is checked
 * for depth first, and `__proto__`/`constructor.prototype` keys are refused like Fastify does.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(badRequest('emptyBody'), undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(badRequest('nestedTooDeep'), undefined);
    }
    try {
      // The reviver costs a call per value: only run it when the text could need it.
      const suspicious = text.includes('__proto__');
      done(null, suspicious ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text));
    } catch {
      done(badRequest('invalidJson'), undefined);
    }
  });
}

function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('__proto__ key');
  return value;
}
