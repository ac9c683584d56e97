import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// What an attacker or a broken client could send to the push path, answered the same way on
// SQLite and PostgreSQL: never a 500, never a whole batch lost for one bad mutation.

async function latest(session: Session, recordId: string): Promise<Change | undefined> {
  let since = '0';
  let found: Change | undefined;
  for (;;) {
    const page = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${since}&limit=1000`,
    );
    expect(page.status).toBe(200);
    for (const change of page.body.changes) if (change.recordId === recordId) found = change;
    since = page.body.cursor;
    if (!page.body.hasMore) return found;
  }
}

describe.each(DATABASE_KINDS)('push hardening (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;
  let hai: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
    hai = await server.officer('commune', UNITS.vinhThanh, 'Trần Văn Hải');
  });
  afterAll(() => server?.close());

  it('keeps mutation ids per account: a stolen pending id neither blocks nor reveals the save', async () => {
    const record = talk(lan.user, UNITS.vinhThanh);
    const first = upsert(record);
    const [created] = await lan.push([first]);
    expect(created!.status).toBe('applied');
    const rev = (created as { rev: number }).rev;

    // Lan's next save is still in her outbox; Hải learned its id and deletes with it first.
    const pending = upsert({ ...record, place: 'Hội trường ấp 3' }, rev);
    const [stolen] = await hai.push([
      { ...remove(record.id, rev), mutationId: pending.mutationId },
    ]);
    expect(stolen!.status).toBe('applied');

    const [real] = await lan.push([pending]);
    expect(real!.status).not.toBe('duplicate');
    expect(['applied', 'conflict']).toContain(real!.status);
    const stored = await latest(lan, record.id);
    expect(stored).toMatchObject({ op: 'upsert', data: { place: 'Hội trường ấp 3' } });

    // The other way round: reusing an id Lan already used tells Hải nothing of Lan's write.
    const own = talk(hai.user, UNITS.vinhThanh);
    const [reuse] = await hai.push([{ ...upsert(own), mutationId: first.mutationId }]);
    expect(reuse!.status).toBe('applied');
    expect((reuse as { rev: number }).rev).not.toBe(rev);
    // Lan's own retry is still recognised as hers.
    const [retry] = await lan.push([pending]);
    expect(retry).toEqual({
      mutationId: pending.mutationId,
      recordId: record.id,
      status: 'duplicate',
      rev: (real as { rev: number }).rev,
    });
  });

  it('stores the valid record beside a mutation whose numbers do not fit, on both databases', async () => {
    const good = talk(lan.user, UNITS.vinhThanh);
    const bigBase = talk(lan.user, UNITS.vinhThanh);
    const unsafe = talk(lan.user, UNITS.vinhThanh);
    const results = await lan.push([
      upsert(good),
      upsert(bigBase, 2 ** 31 + 7),
      upsert(unsafe, 2 ** 64),
      { ...upsert(talk(lan.user, UNITS.vinhThanh)), baseRev: -1 },
      { ...upsert(talk(lan.user, UNITS.vinhThanh)), op: 'move' as never },
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(results[2]).toMatchObject({
      recordId: unsafe.id,
      errors: expect.arrayContaining([expect.objectContaining({ path: 'baseRev' })]),
    });
    expect(await latest(lan, good.id)).toMatchObject({ op: 'upsert' });
    expect(await latest(lan, bigBase.id)).toMatchObject({ op: 'upsert' });
    expect(await latest(lan, unsafe.id)).toBeUndefined();
  });

  it('answers 400 only when a mutation cannot be told apart, never 500', async () => {
    const answer = await lan.call('POST', '/api/sync/push', {
      body: { mutations: [upsert(talk(lan.user, UNITS.vinhThanh)), { mutationId: 'x' }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toMatch(/^mutations\.1\./);
  });

  it('reads cursors and history beyond 32 bits', async () => {
    for (const since of [String(2 ** 31 + 1), String(2 ** 40), '999999999999999']) {
      const page = await lan.call<PullResponse>('GET', `/api/sync/pull?since=${since}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ changes: [], hasMore: false });
      // Opaque: the version, then a key of the reader's scope (docs/sync-protocol.md).
      expect(page.body.cursor.split('.')[0]).toBe(since);
    }
    expect((await lan.call('GET', '/api/sync/pull?since=99999999999999999999')).status).toBe(400);
  });

  it('stamps the author name and creation time itself, and keeps them on every edit', async () => {
    const forged = talk(lan.user, UNITS.vinhThanh, {
      authorName: 'Chủ tịch UBND tỉnh',
      createdAt: '2001-01-01T00:00:00.000Z',
    });
    const before = Date.now();
    const [created] = await lan.push([upsert(forged)]);
    const stored = (await latest(lan, forged.id))!.data as Record<string, string>;
    expect(stored.authorName).toBe('Nguyễn Thị Lan');
    expect(Date.parse(stored.createdAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stored.createdAt!)).toBeLessThanOrEqual(Date.now() + 1000);

    // A colleague editing it cannot rename the author or backdate the record.
    const rev = (created as { rev: number }).rev;
    const [edit] = await hai.push([
      upsert(
        { ...forged, authorName: 'Trần Văn Hải', createdAt: '2001-01-01T00:00:00Z', place: 'Ấp 4' },
        rev,
      ),
    ]);
    expect(edit!.status).toBe('applied');
    const edited = (await latest(hai, forged.id))!.data as Record<string, string>;
    expect(edited).toMatchObject({
      place: 'Ấp 4',
      authorName: 'Nguyễn Thị Lan',
      createdAt: stored.createdAt,
    });

    // Deleted and brought back: still the first author and time.
    const [gone] = await lan.push([remove(forged.id, (edit as { rev: number }).rev)]);
    await hai.push([
      upsert({ ...forged, authorName: 'Ai đó', place: 'Ấp 5' }, (gone as { rev: number }).rev),
    ]);
    expect((await latest(lan, forged.id))!.data).toMatchObject({
      place: 'Ấp 5',
      authorName: 'Nguyễn Thị Lan',
      createdAt: stored.createdAt,
    });
  });

  it('refuses NUL characters with a 400 wherever they can be sent', async () => {
    const nul = 'a\u0000b';
    const login = (body: Record<string, string>) =>
      server.call('POST', '/api/auth/login', {
        body: { username: 'admin', password: 'x', deviceName: 'Máy', ...body },
      });
    for (const field of ['username', 'password', 'deviceName']) {
      const answer = await login({ [field]: nul });
      expect(answer.status, field).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const admin = server.admin;
    const create = await admin.call('POST', '/api/admin/users', {
      body: {
        username: 'nul.test',
        password: 'mat-khau-123',
        role: 'commune',
        unitCode: UNITS.vinhThanh,
        displayName: nul,
      },
    });
    expect(create.status).toBe(400);
    for (const path of [
      '/api/admin/users/%00/devices',
      `/api/admin/users/${uuidv7()}%00/password`,
      '/api/auth/devices/%00',
      '/api/sync/history/%00',
      '/api/sync/pull?unit=%00',
      '/api/sync/pull?since=%00',
    ]) {
      const method = path.endsWith('/password')
        ? 'PUT'
        : path.includes('/auth/devices')
          ? 'DELETE'
          : 'GET';
      const answer = await admin.call(method, path, {
        body: method === 'PUT' ? { password: 'mat-khau-123' } : undefined,
      });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
    // In a record's text, a NUL is only data: it is stored and read back as sent.
    const odd = talk(lan.user, UNITS.vinhThanh, { notes: `ghi chú${nul}` });
    expect((await lan.push([upsert(odd)]))[0]!.status).toBe('applied');
    expect(((await latest(lan, odd.id))!.data as { notes: string }).notes).toBe(`ghi chú${nul}`);
  });
});
