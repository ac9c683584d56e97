import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problemCode, problemText } from '../../shared/i18n/problem-message';
import { PROBLEM_TYPES, type Problem } from '../../shared/sync/sync-protocol';

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it — headers (or a URL) over
 * Node's 16 kB, a broken request line, a request that never finished — with problem+json like
 * every other refusal (Fastify's default writes its own JSON). There are no headers to choose a
 * language from: the answer is in Vietnamese, the app's default.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // Nothing to answer on a connection the client already dropped.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, key] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'headersTooLarge'] as const)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'requestTimeout'] as const)
        : ([400, 'malformedRequest'] as const);
  const code = problemCode(key);
  const problem: Problem = {
    type: PROBLEM_TYPES.badRequest,
    title: STATUS_CODES[status]!,
    status,
    detail: problemText(code),
    code,
  };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      'Content-Language: vi\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
