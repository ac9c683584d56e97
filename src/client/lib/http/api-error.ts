import type { Problem } from '../../../shared/sync/sync-protocol';

// Kept apart from api-client.ts (which validates answers with zod) so that code on the start-up
// path can recognise API errors without loading zod.

export type ApiErrorKind =
  /** No answer: offline, DNS, connection cut, timeout. Retry later. */
  | 'network'
  /** 401: wrong credentials at login; an expired or revoked token otherwise. */
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  /** 413: the batch is too large; send fewer mutations at a time. */
  | 'too-large'
  | 'bad-request'
  /** 5xx. Retry later. */
  | 'server'
  /** A 2xx answer that does not match the protocol (a proxy's page, an old server). */
  | 'invalid-response';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | null,
    readonly problem: Problem | null,
    message: string,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whether trying again later, unchanged, can succeed. */
  get transient(): boolean {
    return ['network', 'server', 'rate-limited', 'invalid-response'].includes(this.kind);
  }
}
