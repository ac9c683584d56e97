import type { z } from 'zod';
import { problemSchema, type Problem } from '../../../shared/sync/sync-protocol';
import { ApiError, type ApiErrorKind } from './api-error';

// The only module of the app that calls fetch. Every failure becomes an ApiError with a kind
// the caller can act on (retry, ask for login, split the batch), never a bare TypeError.
// Feature modules (sync/http, auth/http) name the endpoints; this one knows HTTP.

export interface ApiConfig {
  /** Origin of the API; '' for the page's own origin (the server serves app and API). */
  baseUrl?: string;
  /** Injected in tests that talk to a loopback server; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per request; a hung connection must not stall sync forever. */
  timeoutMs?: number;
}

export interface AuthorizedConfig extends ApiConfig {
  token: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends one call and returns the answer once it is known to be a success (2xx): the one place
 * that builds headers, applies the timeout and turns a failure into an ApiError.
 */
async function send(
  config: ApiConfig,
  method: HttpMethod,
  path: string,
  token: string | null,
  body: unknown,
  accept: string | null,
): Promise<Response> {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { ...acceptLanguage() };
  if (accept) headers.accept = accept;
  const raw = body instanceof RawBody ? body : null;
  if (raw) Object.assign(headers, raw.headers, { 'content-type': raw.contentType });
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(`${config.baseUrl ?? ''}${path}`, {
      method,
      headers,
      body: raw ? raw.bytes : body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError('network', null, null, describe(error));
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** A body sent as bytes (a photo chunk) with its own content type and headers, not as JSON. */
export class RawBody {
  constructor(
    readonly bytes: ArrayBuffer | Uint8Array<ArrayBuffer>,
    readonly contentType: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export async function request<T>(
  config: ApiConfig,
  method: HttpMethod,
  path: string,
  token: string | null,
  body: unknown,
  schema: z.ZodType<T>,
  /**
   * zod's output when it is sure zod accepts the answer, else undefined (then zod itself runs):
   * `compileAcceptor(schema)` for large answers such as pull pages.
   */
  accept?: (json: unknown) => T | undefined,
): Promise<T> {
  const response = await send(config, method, path, token, body, 'application/json');
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The body was cut off after the headers: the request may have been processed.
    throw new ApiError('network', response.status, null, describe(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A captive portal's or proxy's page instead of the API.
    throw new ApiError('invalid-response', response.status, null, 'The answer is not JSON');
  }
  const accepted = accept?.(json);
  if (accepted !== undefined) return accepted;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('invalid-response', response.status, null, 'Unexpected answer from server');
  }
  return parsed.data;
}

/** A call whose success has no body (204): only failures are read. */
export async function requestNoContent(
  config: ApiConfig,
  method: HttpMethod,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<void> {
  const response = await send(config, method, path, token, body, 'application/json');
  // The API never redirects: a redirect is a captive portal's page, and nothing was done.
  if (response.redirected) {
    throw new ApiError('invalid-response', response.status, null, 'Redirected away from the API');
  }
}

/** A file the server makes (an export): its bytes and the name it suggests. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

export async function requestFile(
  config: ApiConfig,
  path: string,
  token: string | null,
): Promise<Download> {
  const response = await send(config, 'GET', path, token, undefined, null);
  try {
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
    return { blob, fileName: name };
  } catch (error) {
    throw new ApiError('network', response.status, null, describe(error));
  }
}

/** The UI language (lib/i18n sets it on <html lang>): the server words its refusals in it. */
function acceptLanguage(): Record<string, string> {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang === 'vi' || lang === 'en' ? { 'accept-language': lang } : {};
}

async function errorFrom(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  try {
    const parsed = problemSchema.safeParse(await response.json());
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  const status = response.status;
  const message = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
  return new ApiError(kindOf(status), status, problem, message, retryAfterMs(response));
}

function kindOf(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  // 408 and 425 are the network's or the server's trouble, not ours.
  if (status === 408 || status === 425) return 'server';
  return 'bad-request';
}

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
