import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem';

/** Deeper than any request of the API (a push is about 6 levels): refused before parsing. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, or `limit + 1` as soon as it goes deeper: one linear pass
 * over the characters, far cheaper than building a million nested arrays to throw away. A
 * string is skipped to its closing quote by indexOf (most of a push's ~1 MB is strings: a loop
 * over their characters cost ~2.5 µs a record), an escaped quote being one after an odd run of
 * backslashes.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return false; // an unterminated string: JSON.parse refuses the text
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * A request body's JSON, checked as every body is: not empty, not deeper than MAX_JSON_DEPTH
 * (before parsing), no `__proto__` key (refused like Fastify does). Throws the 400 to answer.
 */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw badRequest('emptyBody');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw badRequest('nestedTooDeep');
  try {
    // The reviver costs a call per value: only run it when the text could need it.
    const suspicious = text.includes('__proto__');
    return suspicious ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text);
  } catch {
    throw badRequest('invalidJson');
  }
}

/** Route config of a route that parses its own JSON body with parseJsonText (gets the text). */
export const JSON_TEXT_BODY = { jsonTextBody: true } as const;

/** The body of a JSON_TEXT_BODY route sent as application/json: its text, not parsed yet. */
export class JsonBodyText {
  constructor(readonly text: string) {}
}

/**
 * Replaces Fastify's JSON parser: the body (already capped by the route's bodyLimit) goes
 * through parseJsonText. A route with JSON_TEXT_BODY in its config gets the text (JsonBodyText)
 * and parses it later with parseJsonText (the push: on SQLite, in the push worker).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const config = request.routeOptions.config as Partial<typeof JSON_TEXT_BODY> | undefined;
    if (config?.jsonTextBody) return done(null, new JsonBodyText(text));
    try {
      done(null, parseJsonText(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('__proto__ key');
  return value;
}
