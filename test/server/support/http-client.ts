// A thin fetch wrapper for tests: real HTTP on loopback, answers parsed as the client would.

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (malformed JSON, raw bytes); wins over `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Return a 503 `serverBusy` as it is instead of waiting its Retry-After and sending again. */
  once?: boolean;
}

/**
 * One request, as a phone's sync engine makes it: a sync request refused because the server is
 * busy (503 `serverBusy` + Retry-After, the admission gate under a test's burst) is sent again
 * after the wait it names. `once: true` returns the refusal instead (back-pressure tests).
 */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpAnswer<T>> {
  for (;;) {
    const answer = await callOnce<T>(baseUrl, method, path, options);
    const busy =
      answer.status === 503 &&
      !options.once &&
      (answer.body as { code?: string } | null)?.code === 'problem.serverBusy';
    if (!busy) return answer;
    const seconds = Number(answer.headers.get('retry-after'));
    await new Promise((r) => setTimeout(r, seconds * 1000));
  }
}

async function callOnce<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions,
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (method === 'GET' || method === 'HEAD') body = undefined;
  else if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: body as BodyInit });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const parsed = text && type.includes('json') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: parsed as T };
}
