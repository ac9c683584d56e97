import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PROBLEM_TYPES, type FieldError, type Problem } from '../../shared/sync/sync-protocol';
import type { AppLocale } from '../../shared/format/vi-format';
import { en } from '../../shared/i18n/en';
import {
  problemCode,
  problemText,
  type ProblemCode,
  type ProblemParams,
} from '../../shared/i18n/problem-message';
import type { ProblemMessages } from '../../shared/i18n/problem-messages-vi';
import { translateKey } from '../../shared/i18n/translate-key';
import { toFieldErrors } from '../../shared/validation/field-errors';
import { requestLocale } from './request-locale';

type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];
type Key = keyof ProblemMessages;

/**
 * An error the API answers with as RFC 9457 problem details: a stable message key (`code`, with
 * `params`), put into words in the request's language only when it is sent.
 */
export class HttpProblem extends Error {
  readonly code: ProblemCode;
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    key: Key,
    readonly params?: ProblemParams,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(problemText(problemCode(key), params));
    this.name = 'HttpProblem';
    this.code = problemCode(key);
  }
}

export const badRequest = (key: Key, params?: ProblemParams) =>
  new HttpProblem(400, PROBLEM_TYPES.badRequest, key, params);
export const invalidBody = (issues: readonly z.core.$ZodIssue[], key: Key = 'invalidRequest') =>
  new HttpProblem(400, PROBLEM_TYPES.validation, key, undefined, toFieldErrors(issues));
export const unauthorized = (key: Key = 'loginAgain') =>
  new HttpProblem(401, PROBLEM_TYPES.unauthorized, key);
export const forbidden = (key: Key = 'forbidden') =>
  new HttpProblem(403, PROBLEM_TYPES.forbidden, key);
export const notFound = (key: Key = 'notFound', params?: ProblemParams) =>
  new HttpProblem(404, PROBLEM_TYPES.notFound, key, params);
export const conflict = (key: Key, params?: ProblemParams) =>
  new HttpProblem(409, PROBLEM_TYPES.conflict, key, params);
export const payloadTooLarge = (key: Key, params?: ProblemParams) =>
  new HttpProblem(413, PROBLEM_TYPES.payloadTooLarge, key, params);
export const rateLimited = (retryAfterSeconds: number, key: Key, params?: ProblemParams) =>
  new HttpProblem(429, PROBLEM_TYPES.rateLimited, key, params, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** Field errors with their message in the answer's language (the code stays the key). */
export function localizeFieldErrors(errors: FieldError[], locale: AppLocale): FieldError[] {
  if (locale === 'vi') return errors;
  return errors.map((e) => ({ ...e, message: translateKey(e.code, en) }));
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem) {
  const locale = requestLocale(request);
  const body: Problem = {
    type: problem.type,
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problemText(problem.code, problem.params, locale),
    instance: request.url.split('?')[0],
    code: problem.code,
    ...(problem.params ? { params: problem.params } : {}),
    ...(problem.errors ? { errors: localizeFieldErrors(problem.errors, locale) } : {}),
  };
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .header('content-language', locale)
    .type('application/problem+json; charset=utf-8')
    .send(body);
}

// Fastify's own errors (body parsing, limits) mapped to problems; everything unexpected is a
// 500 whose details stay in the server log.
function problemOf(error: FastifyError): HttpProblem {
  if (error instanceof HttpProblem) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge('bodyTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, PROBLEM_TYPES.badRequest, 'jsonOnly');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('invalidJson');
  }
  const status = error.statusCode ?? 500;
  if (error instanceof SyntaxError && status === 400) {
    return badRequest('invalidJson');
  }
  if (status >= 400 && status < 500) {
    return new HttpProblem(status, PROBLEM_TYPES.badRequest, 'invalidRequest');
  }
  return new HttpProblem(500, PROBLEM_TYPES.internal, 'serverError');
}

export function registerProblemHandlers(
  app: FastifyInstance,
  fallback?: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error);
    // A busy server's refusal (503 + Retry-After) is back-pressure working, not a failure: its
    // "request completed" line says 503. Logged as an error, each refusal of a 500-phone burst
    // also formatted and wrote its stack on the server's thread.
    if (problem.status >= 500 && problem.code !== 'problem.serverBusy') {
      request.log.error({ err: error }, 'request failed');
    }
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback && !request.url.startsWith('/api/') && request.url !== '/api') {
      return fallback(request, reply);
    }
    return sendProblem(request, reply, notFound('unknownAddress'));
  });
}
