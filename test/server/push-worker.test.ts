import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// On SQLite, pushes commit on the push worker's own connection (push-worker-client.ts) while
// every other write — account changes, the province's settings, which also take versions from
// the shared counter — stays on the server's connection. Both at once must neither fail (a
// read-then-write transaction refused SQLITE_BUSY) nor leave a hole or a repeat in the feed.
describe.each(DATABASE_KINDS)('pushes beside the server’s own writes (%s)', (kind) => {
  let server: TestServer;
  let phones: Session[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    phones = [
      await server.officer('commune', UNITS.vinhThanh),
      await server.officer('commune', UNITS.vinhQuang),
      await server.officer('commune', UNITS.dongHo),
    ];
  });
  afterAll(() => server?.close());

  it('applies every push and every settings or account change, versions 1…n each once', async () => {
    const settings = await server.admin.call<Record<string, unknown>>('GET', '/api/settings');
    expect(settings.status).toBe(200);
    const pushes = phones.map(async (phone, p) => {
      const acknowledged: number[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const results = await phone.push(
          Array.from({ length: 20 }, () =>
            upsert(talk(phone.user, [UNITS.vinhThanh, UNITS.vinhQuang, UNITS.dongHo][p]!)),
          ),
        );
        expect(results.map((r) => r.status)).toEqual(Array(20).fill('applied'));
        for (const r of results) if (r.status === 'applied') acknowledged.push(r.rev);
      }
      return acknowledged;
    });
    const adminWrites = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (await server.admin.call('PUT', '/api/admin/settings', { body: settings.body })).status,
        );
        const renamed = await server.admin.call(
          'PATCH',
          `/api/admin/users/${phones[i % 3]!.user.id}`,
          { body: { displayName: `Cán bộ ${i}` } },
        );
        statuses.push(renamed.status);
      }
      return statuses;
    })();
    const [acknowledged, statuses] = await Promise.all([Promise.all(pushes), adminWrites]);
    expect(statuses).toEqual(Array(24).fill(200));

    const received: number[] = [];
    let cursor = '0';
    for (;;) {
      // The admin's phone syncs only what it authors: the province is asked for by unit.
      const page = await server.admin.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${cursor}&unit=${UNITS.province}&geography=kien-giang-2024`,
      );
      expect(page.status).toBe(200);
      received.push(...page.body.changes.map((c) => c.rev));
      cursor = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));
    const pushed = acknowledged.flat();
    expect(new Set(pushed).size).toBe(3 * 6 * 20);
    expect(pushed.every((rev) => received.includes(rev))).toBe(true);
  }, 120_000);
});
