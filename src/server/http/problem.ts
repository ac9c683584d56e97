import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PROBLEM_TYPES, type FieldError, type Problem } from '../../shared/sync/sync-protocol';
import { toFieldErrors } from '../../shared/validation/field-errors';

type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

/** An error the API answers with as RFC 9457 problem details (detail in Vietnamese). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string) =>
  new HttpProblem(400, PROBLEM_TYPES.badRequest, detail);
export const invalidBody = (
  issues: readonly z.core.$ZodIssue[],
  detail = 'Yêu cầu không hợp lệ.',
) => new HttpProblem(400, PROBLEM_TYPES.validation, detail, toFieldErrors(issues));
export const unauthorized = (detail = 'Vui lòng đăng nhập lại.') =>
  new HttpProblem(401, PROBLEM_TYPES.unauthorized, detail);
export const forbidden = (detail = 'Bạn không có quyền thực hiện thao tác này.') =>
  new HttpProblem(403, PROBLEM_TYPES.forbidden, detail);
export const notFound = (detail = 'Không tìm thấy.') =>
  new HttpProblem(404, PROBLEM_TYPES.notFound, detail);
export const conflict = (detail: string) => new HttpProblem(409, PROBLEM_TYPES.conflict, detail);
export const payloadTooLarge = (detail: string) =>
  new HttpProblem(413, PROBLEM_TYPES.payloadTooLarge, detail);
export const rateLimited = (retryAfterSeconds: number, detail: string) =>
  new HttpProblem(429, PROBLEM_TYPES.rateLimited, detail, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem) {
  const body: Problem = {
    type: problem.type,
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: request.url.split('?')[0],
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json; charset=utf-8')
    .send(body);
}

// Fastify's own errors (body parsing, limits) mapped to problems; everything unexpected is a
// 500 whose details stay in the server log.
function problemOf(error: FastifyError): HttpProblem {
  if (error instanceof HttpProblem) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge('Dữ liệu gửi lên quá lớn. Hãy gửi ít bản ghi hơn mỗi lần.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, PROBLEM_TYPES.badRequest, 'Máy chủ chỉ nhận dữ liệu JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  const status = error.statusCode ?? 500;
  if (error instanceof SyntaxError && status === 400) {
    return badRequest('Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  if (status >= 400 && status < 500) {
    return new HttpProblem(status, PROBLEM_TYPES.badRequest, 'Yêu cầu không hợp lệ.');
  }
  return new HttpProblem(500, PROBLEM_TYPES.internal, 'Máy chủ gặp lỗi. Vui lòng thử lại sau.');
}

export function registerProblemHandlers(
  app: FastifyInstance,
  fallback?: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback && !request.url.startsWith('/api/') && request.url !== '/api') {
      return fallback(request, reply);
    }
    return sendProblem(request, reply, notFound('Không tìm thấy địa chỉ này.'));
  });
}
