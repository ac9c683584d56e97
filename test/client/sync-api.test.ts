import { describe, expect, it } from 'vitest';
import { login } from '../../src/client/features/auth/http/auth-http';
import { pullChanges, pushMutations } from '../../src/client/features/sync/http/sync-http';
import { ApiError } from '../../src/client/lib/http/api-error';

// The transport is the only thing replaced here: canned HTTP answers exercise how the client
// reads each kind of failure. Behaviour against the real server is in sync-engine.test.ts.
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const config = (fetch: typeof globalThis.fetch) => ({
  baseUrl: 'http://api.test',
  fetch,
  token: 't0k',
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('sync API client', () => {
  it('sends the bearer token and the mutations, and reads per-mutation results', async () => {
    const { fetch, calls } = answering(200, {
      results: [
        {
          mutationId: '01950000-0000-7000-8000-000000000001',
          recordId: '01950000-0000-7000-8000-000000000002',
          status: 'applied',
          rev: 3,
        },
      ],
    });
    const response = await pushMutations(config(fetch), [
      {
        mutationId: '01950000-0000-7000-8000-000000000001',
        recordId: '01950000-0000-7000-8000-000000000002',
        op: 'delete',
        baseRev: 2,
        data: null,
        clientTime: '2025-01-01T00:00:00.000Z',
      },
    ]);
    expect(response.results[0]).toMatchObject({ status: 'applied', rev: 3 });
    expect(calls[0]!.url).toBe('http://api.test/api/sync/push');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer t0k');
    expect(JSON.parse(calls[0]!.init.body as string).mutations).toHaveLength(1);
  });

  it('passes the cursor and the page size to pull', async () => {
    const { fetch, calls } = answering(200, { changes: [], cursor: '9', hasMore: false });
    await pullChanges(config(fetch), '7', 500);
    expect(calls[0]!.url).toBe('http://api.test/api/sync/pull?since=7&limit=500');
  });

  it('turns a 401 problem into "unauthorized" with the server’s Vietnamese detail', async () => {
    const { fetch } = answering(
      401,
      {
        type: 'urn:outreach-log:problem:unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'Phiên đăng nhập đã hết hạn.',
      },
      { 'content-type': 'application/problem+json' },
    );
    const error = await failure(pullChanges(config(fetch), '0', 10));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe('Phiên đăng nhập đã hết hạn.');
    expect(error.problem?.type).toBe('urn:outreach-log:problem:unauthorized');
    expect(error.transient).toBe(false);
  });

  it('reads Retry-After on 429 and treats it as transient', async () => {
    const { fetch } = answering(
      429,
      { type: 'x', title: 'Too Many Requests', status: 429 },
      { 'retry-after': '120' },
    );
    const error = await failure(
      login({ fetch }, { username: 'a', password: 'b', deviceName: 'c' }),
    );
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
    expect(error.transient).toBe(true);
  });

  it('classifies 413, 5xx with an HTML body, and a non-protocol 200', async () => {
    expect((await failure(pullChanges(config(answering(413, {}).fetch), '0', 1))).kind).toBe(
      'too-large',
    );
    const html = await failure(
      pullChanges(config(answering(502, '<html>Bad gateway</html>').fetch), '0', 1),
    );
    expect(html).toMatchObject({ kind: 'server', status: 502, problem: null });
    const portal = await failure(
      pullChanges(config(answering(200, '<html>Wi-Fi login</html>').fetch), '0', 1),
    );
    expect(portal.kind).toBe('invalid-response');
    const wrongShape = await failure(
      pullChanges(config(answering(200, { hello: 1 }).fetch), '0', 1),
    );
    expect(wrongShape.kind).toBe('invalid-response');
  });

  it('reports a refused connection as a network error', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    const error = await failure(pullChanges(config(fetch), '0', 1));
    expect(error).toMatchObject({ kind: 'network', status: null });
  });
});
