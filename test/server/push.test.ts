import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_PUSH_MUTATIONS,
  type Change,
  type PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

/**
 * Every activity change of the province the session can pull, from the start. The reader is a
 * province officer, whose phone syncs only what they author: the province is asked for by unit.
 */
async function pullAll(session: Session): Promise<Change[]> {
  const changes: Change[] = [];
  let since = '0';
  const province = `&unit=${UNITS.province}&geography=kien-giang-2024`;
  for (;;) {
    const page = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${since}&limit=1000${province}`,
    );
    expect(page.status).toBe(200);
    changes.push(...page.body.changes.filter((c) => c.collection === 'activities'));
    since = page.body.cursor;
    if (!page.body.hasMore) return changes;
  }
}

describe.each(DATABASE_KINDS)('push (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;
  let reader: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    reader = await server.officer('province', UNITS.province);
  });
  afterAll(() => server?.close());

  it('stores each record once when the same batch is replayed 10 times', async () => {
    const batch = Array.from({ length: 25 }, () => upsert(talk(lan.user, UNITS.vinhThanh)));
    const first = await lan.push(batch);
    expect(first.every((r) => r.status === 'applied')).toBe(true);
    for (let i = 0; i < 10; i++) {
      const again = await lan.push(batch);
      expect(again).toEqual(first.map((r) => ({ ...r, status: 'duplicate' })));
    }
    const ids = new Set(batch.map((m) => m.recordId));
    const stored = (await pullAll(reader)).filter((c) => ids.has(c.recordId));
    expect(stored).toHaveLength(25);
    expect(new Set(stored.map((c) => c.recordId)).size).toBe(25);
  });

  // PostgreSQL receives a batch's rows as array literals (pgArrayLiteral): every character a
  // quoted element escapes, or that JSON would, must come back exactly as the officer typed it.
  it('stores text with quotes, backslashes, braces, line breaks and emoji exactly as sent', async () => {
    const texts = [
      'Họp "dân" {khu phố} 2, ấp \\Vĩnh\\ — NULL',
      'Dòng 1\nDòng 2\r\n\tthụt lề; dấu \\" lẫn lộn',
      'NULL',
      '🙂 hộ nghèo {a,b} "" \\\\',
    ];
    const records = texts.map((notes, i) =>
      talk(lan.user, UNITS.vinhThanh, { notes, place: `${notes.slice(0, 40)} ${i}`.trim() }),
    );
    const results = await lan.push(records.map((r) => upsert(r)));
    expect(results.map((r) => r.status)).toEqual(texts.map(() => 'applied'));
    const stored = new Map((await pullAll(reader)).map((c) => [c.recordId, c.data]));
    for (const record of records) {
      const data = stored.get(record.id) as { notes: string; place: string };
      expect(data.notes).toBe(record.notes);
      expect(data.place).toBe(record.place);
    }
  });

  it('applies the valid records of a batch that holds an invalid one, with field errors for it', async () => {
    const good1 = talk(lan.user, UNITS.vinhThanh);
    const bad = talk(lan.user, UNITS.vinhThanh, {
      participants: { ...good1.participants, total: 30, female: 35 },
    });
    const good2 = talk(lan.user, UNITS.vinhThanh);
    const results = await lan.push([upsert(good1), upsert(bad), upsert(good2)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: 'Dữ liệu hoạt động không hợp lệ.',
      errors: [
        {
          path: 'participants.female',
          code: 'validation.exceedsTotal',
          message: 'Không được lớn hơn tổng số người tham dự.',
        },
      ],
    });
    expect(results[1]).toMatchObject({ code: 'problem.invalidActivity' });
    // In English when the phone asks for it: same keys, other words.
    const english = await lan.call('POST', '/api/sync/push', {
      body: { mutations: [upsert(bad)] },
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'problem.invalidActivity',
      reason: 'The activity data is not valid.',
      errors: [
        {
          path: 'participants.female',
          code: 'validation.exceedsTotal',
          message: expect.not.stringMatching(/người/),
        },
      ],
    });
    const stored = new Set((await pullAll(reader)).map((c) => c.recordId));
    expect(stored.has(good1.id) && stored.has(good2.id)).toBe(true);
    expect(stored.has(bad.id)).toBe(false);
  });

  it('judges a refused mutation again when it is resent (nothing of it was stored)', async () => {
    const record = talk(lan.user, UNITS.vinhThanh, { date: '2999-01-01' });
    const mutation = upsert(record);
    expect((await lan.push([mutation]))[0]?.status).toBe('rejected');
    expect((await lan.push([mutation]))[0]).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'date', code: 'validation.futureDate' })],
    });
  });

  it('loses and duplicates nothing when the answer is cut off after the commit, then retried', async () => {
    const batch = Array.from({ length: 10 }, () => upsert(talk(lan.user, UNITS.vinhThanh)));
    const body = JSON.stringify({ mutations: batch });
    const socket = connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${lan.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // Wait until the server has committed (another device sees the records), then drop the
    // connection without ever reading the answer: the phone never learns the batch landed.
    const ids = new Set(batch.map((m) => m.recordId));
    await expect
      .poll(async () => (await pullAll(reader)).filter((c) => ids.has(c.recordId)).length, {
        timeout: 15_000,
      })
      .toBe(10);
    socket.destroy();

    const retry = await lan.push(batch);
    expect(retry.map((r) => r.status)).toEqual(Array(10).fill('duplicate'));
    const stored = (await pullAll(reader)).filter((c) => ids.has(c.recordId));
    expect(stored).toHaveLength(10);
    expect(retry.map((r) => (r.status === 'duplicate' ? r.rev : 0))).toEqual(
      stored.map((c) => c.rev),
    );
  });

  it('stores nothing of a request cut off mid-body, and the retry applies it', async () => {
    const batch = Array.from({ length: 5 }, () => upsert(talk(lan.user, UNITS.vinhThanh)));
    const body = JSON.stringify({ mutations: batch });
    const socket = connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${lan.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, body.length / 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const ids = new Set(batch.map((m) => m.recordId));
    expect((await pullAll(reader)).filter((c) => ids.has(c.recordId))).toHaveLength(0);
    expect((await lan.push(batch)).map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect((await pullAll(reader)).filter((c) => ids.has(c.recordId))).toHaveLength(5);
  });

  it('treats a repeated mutationId inside one batch as a duplicate', async () => {
    const m = upsert(talk(lan.user, UNITS.vinhThanh));
    const results = await lan.push([m, m]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    expect(results[1]).toMatchObject({ rev: (results[0] as { rev: number }).rev });
  });

  it('refuses a mutationId reused for another record', async () => {
    const m = upsert(talk(lan.user, UNITS.vinhThanh));
    await lan.push([m]);
    const other = talk(lan.user, UNITS.vinhThanh);
    const [result] = await lan.push([{ ...m, recordId: other.id, data: other }]);
    expect(result).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'mutationId' })],
    });
  });

  it('enforces the author of a new record and a record id that matches its data', async () => {
    const foreign = talk({ ...lan.user, id: 'someone-else' }, UNITS.vinhThanh);
    const mismatched = talk(lan.user, UNITS.vinhThanh);
    const results = await lan.push([
      upsert(foreign),
      { ...upsert(mismatched), recordId: foreign.id },
    ]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'authorId' })],
    });
    expect(results[1]).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'id' })],
    });
  });

  it('stores deletes as tombstones and acknowledges deletes of unknown or deleted records', async () => {
    const record = talk(lan.user, UNITS.vinhThanh);
    const [created] = await lan.push([upsert(record)]);
    const rev = (created as { rev: number }).rev;
    const [deleted] = await lan.push([remove(record.id, rev)]);
    expect(deleted).toMatchObject({ status: 'applied' });
    const tombstoneRev = (deleted as { rev: number }).rev;
    expect(tombstoneRev).toBeGreaterThan(rev);
    const [again] = await lan.push([remove(record.id, rev)]);
    expect(again).toMatchObject({ status: 'applied', rev: tombstoneRev });
    const [unknown] = await lan.push([remove(talk(lan.user, UNITS.vinhThanh).id, null)]);
    expect(unknown).toMatchObject({ status: 'applied', rev: 0 });

    const versions = (await pullAll(reader)).filter((c) => c.recordId === record.id);
    expect(versions.map((c) => [c.op, c.data === null])).toEqual([
      ['upsert', false],
      ['delete', true],
    ]);
    const history = await lan.call('GET', `/api/sync/history/${record.id}`);
    expect(history.body.versions.map((v: { op: string }) => v.op)).toEqual(['upsert', 'delete']);
  });

  it('answers 413 for more than MAX_PUSH_MUTATIONS mutations and stores none of them', async () => {
    const batch = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () =>
      upsert(talk(lan.user, UNITS.vinhThanh)),
    );
    const answer = await lan.call('POST', '/api/sync/push', { body: { mutations: batch } });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      status: 413,
      type: 'urn:outreach-log:problem:payload-too-large',
    });
    const ids = new Set(batch.map((m) => m.recordId));
    expect((await pullAll(reader)).some((c) => ids.has(c.recordId))).toBe(false);
  });

  // The push body is parsed where the push runs (SQLite: in the push worker): its refusals are
  // still the request's problem+json answers, in the caller's language, and store nothing.
  it('refuses a broken push body with the same problem+json on both databases', async () => {
    const record = upsert(talk(lan.user, UNITS.vinhThanh));
    const good = JSON.stringify({ mutations: [record] });
    const cases: [string, string | undefined, number, string][] = [
      ['not JSON', good.slice(0, -3), 400, 'problem.invalidJson'],
      ['empty', ' ', 400, 'problem.emptyBody'],
      [
        'too deep',
        `{"mutations":[${'['.repeat(40)}${']'.repeat(40)}]}`,
        400,
        'problem.nestedTooDeep',
      ],
      ['__proto__ key', `{"__proto__":{"x":1},"mutations":[]}`, 400, 'problem.invalidJson'],
      ['no mutations', '{"mutations":[]}', 400, 'problem.invalidRequest'],
      ['a mutation without ids', '{"mutations":[{"op":"upsert"}]}', 400, 'problem.invalidRequest'],
    ];
    for (const [what, rawBody, status, code] of cases) {
      const answer = await lan.call('POST', '/api/sync/push', {
        rawBody,
        headers: { 'accept-language': 'en' },
      });
      expect({ what, status: answer.status, code: answer.body.code }).toEqual({
        what,
        status,
        code,
      });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.headers.get('content-language')).toBe('en');
      expect(answer.body.detail).toEqual(expect.any(String));
    }
    const notJson = await lan.call('POST', '/api/sync/push', {
      rawBody: good,
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect((await pullAll(reader)).some((c) => c.recordId === record.recordId)).toBe(false);
    const applied = await lan.call('POST', '/api/sync/push', { rawBody: good });
    expect(applied.status).toBe(200);
    expect(applied.body.results[0]).toMatchObject({ status: 'applied' });
  });
});
