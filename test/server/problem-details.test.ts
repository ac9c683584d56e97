import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../../src/shared/i18n/problem-message';
import { MAX_PUSH_BYTES, problemSchema } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import type { HttpAnswer } from './support/http-client';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

/** An RFC 9457 answer with our shape and no internals in it. */
function expectProblem(answer: HttpAnswer, status: number, type: string, detail?: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(problemSchema.strict().safeParse(answer.body).success).toBe(true);
  expect(answer.body).toMatchObject({ status, type: `urn:outreach-log:problem:${type}` });
  // A stable message key, and the detail is that key's Vietnamese sentence (no Accept-Language).
  expect(answer.body.code).toMatch(/^problem\.\w+$/);
  expect(answer.body.detail).toBe(problemText(answer.body.code, answer.body.params, 'vi'));
  if (detail !== undefined) expect(answer.body.detail).toBe(detail);
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat \S+:\d+|node_modules|SQLITE|Error:|stack/i);
}

describe.each(DATABASE_KINDS)('problem details (%s)', (kind) => {
  let server: TestServer;
  let officer: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    officer = await server.officer('commune', UNITS.vinhThanh);
  });
  afterAll(() => server?.close());

  it('400 for a body that is not JSON', async () => {
    const answer = await officer.call('POST', '/api/sync/push', { rawBody: '{"mutations": [' });
    expectProblem(answer, 400, 'bad-request', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    expect(answer.body.instance).toBe('/api/sync/push');
  });

  it('400 with field errors for a body that does not match the schema', async () => {
    const answer = await officer.call('POST', '/api/sync/push', {
      body: {
        mutations: [
          { ...upsert(talk(officer.user, UNITS.vinhThanh)), mutationId: 'không-phải-uuid' },
        ],
      },
    });
    expectProblem(answer, 400, 'validation', 'Yêu cầu không hợp lệ.');
    expect(answer.body.errors).toEqual([
      {
        path: 'mutations.0.mutationId',
        code: 'validation.invalidValue',
        message: 'Giá trị không hợp lệ.',
      },
    ]);
    const login = await server.call('POST', '/api/auth/login', { body: { username: 'x' } });
    expectProblem(login, 400, 'validation');
    expect(login.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'password',
      'deviceName',
    ]);
  });

  it('answers in the language the request asks for, with the same key', async () => {
    const body = {
      mutations: [
        { ...upsert(talk(officer.user, UNITS.vinhThanh)), mutationId: 'không-phải-uuid' },
      ],
    };
    const vi = await officer.call('POST', '/api/sync/push', { body });
    const en = await officer.call('POST', '/api/sync/push', {
      body,
      headers: { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' },
    });
    expectProblem(vi, 400, 'validation', 'Yêu cầu không hợp lệ.');
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(en.status).toBe(400);
    expect(en.headers.get('content-language')).toBe('en');
    expect(problemSchema.strict().safeParse(en.body).success).toBe(true);
    expect(en.body).toMatchObject({
      code: 'problem.invalidRequest',
      detail: 'The request is not valid.',
      errors: [
        {
          path: 'mutations.0.mutationId',
          code: 'validation.invalidValue',
          message: 'Invalid value.',
        },
      ],
    });
    // Same shape, keys and params whatever the language; only the words differ.
    expect(Object.keys(en.body).sort()).toEqual(Object.keys(vi.body).sort());
    const wordy = await officer.call('GET', '/api/sync/pull?limit=0', {
      headers: { 'accept-language': 'en' },
    });
    expect(wordy.body).toMatchObject({
      code: 'problem.pullLimitRange',
      params: { max: expect.any(Number) },
    });
    expect(wordy.body.detail).toBe(
      `The number of records per page (limit) must be from 1 to ${wordy.body.params.max}.`,
    );
    const preferVi = await server.call('GET', '/api/sync/pull', {
      headers: { 'accept-language': 'en;q=0.3, vi' },
    });
    expect(preferVi.body).toMatchObject({
      code: 'problem.loginRequired',
      detail: 'Vui lòng đăng nhập.',
    });
  });

  it('401, 403 and 404', async () => {
    expectProblem(
      await server.call('GET', '/api/sync/pull'),
      401,
      'unauthorized',
      'Vui lòng đăng nhập.',
    );
    expectProblem(await officer.call('GET', '/api/admin/users'), 403, 'forbidden');
    expectProblem(
      await officer.call('GET', '/api/khong-co'),
      404,
      'not-found',
      'Không tìm thấy địa chỉ này.',
    );
  });

  it('413 for a body over the push limit, and over the default limit elsewhere', async () => {
    const huge = 'x'.repeat(MAX_PUSH_BYTES + 1);
    expectProblem(
      await officer.call('POST', '/api/sync/push', { rawBody: huge }),
      413,
      'payload-too-large',
    );
    const bigLogin = await server.call('POST', '/api/auth/login', {
      rawBody: 'x'.repeat(1024 * 1024 + 1),
    });
    expectProblem(bigLogin, 413, 'payload-too-large');
  });

  it('415 for a body that is not declared as JSON', async () => {
    const answer = await officer.call('POST', '/api/sync/push', {
      rawBody: 'mutations',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(answer, 415, 'bad-request', 'Máy chủ chỉ nhận dữ liệu JSON.');
  });

  // Last: breaks the database under the running server.
  it('500 without internals when the database fails', async () => {
    const config = server.database.config;
    if (config.kind === 'sqlite') {
      const handle = new SqliteDatabase(config.file);
      handle.exec('drop table mutations');
      handle.close();
    } else {
      const client = new pg.Client({ connectionString: config.connectionString });
      await client.connect();
      await client.query(`drop table ${config.schema}.mutations`);
      await client.end();
    }
    const answer = await officer.call('POST', '/api/sync/push', {
      body: { mutations: [upsert(talk(officer.user, UNITS.vinhThanh))] },
    });
    expectProblem(answer, 500, 'internal', 'Máy chủ gặp lỗi. Vui lòng thử lại sau.');
  });
});
