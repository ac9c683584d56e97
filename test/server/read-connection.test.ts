import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthRepository } from '../../src/server/modules/health/health.repository';
import type { NewChange } from '../../src/server/modules/sync/push-rows';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { useSyncDatabase } from './support/sync-database';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const TOO_LONG = Symbol('no answer');
/** `work`'s result, or TOO_LONG if it has not answered within `ms`. */
function within<T>(ms: number, work: Promise<T>): Promise<T | typeof TOO_LONG> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TOO_LONG>((resolve) => {
    timer = setTimeout(() => resolve(TOO_LONG), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function change(version: number): NewChange {
  return {
    version,
    collection: 'activities',
    record_id: uuidv7(),
    op: 'upsert',
    geography_id: 'kien-giang-2024',
    commune_code: UNITS.vinhThanh,
    data: '{}',
    updated_by: 'thử nghiệm',
    updated_at: new Date().toISOString(),
  };
}

// Pulls, health checks and sign-in checks read through Database.reader: on SQLite a second
// connection, so they no longer queue behind a push transaction on the writer's one connection.
// What they see must still be gap-free: never version N+1 while N is uncommitted.
describe.each(DATABASE_KINDS)('reads beside an open push (%s)', (kind) => {
  const ctx = useSyncDatabase(kind);

  it('answers a pull and a health check while a push holds its transaction, without its versions', async () => {
    const before = (await ctx.sync.feed(0, 100_000, null)).map((r) => Number(r.version));
    let first = 0;
    await ctx.sync.inPushTransaction(async (tx) => {
      await tx.lockRecords([uuidv7()], [uuidv7()]);
      first = await tx.takeVersions(2);
      await tx.insertChanges([change(first), change(first + 1)]);
      // The push is still open (not committed): readers answer at once, and see none of it.
      const seen = await within(3_000, ctx.sync.feed(0, 100_000, null));
      expect(seen).not.toBe(TOO_LONG);
      expect((seen as { version: number }[]).map((r) => Number(r.version))).toEqual(before);
      expect(await within(3_000, new HealthRepository(ctx.database.reader).ping())).not.toBe(
        TOO_LONG,
      );
    });
    const after = (await ctx.sync.feed(0, 100_000, null)).map((r) => Number(r.version));
    expect(after).toEqual([...before, first, first + 1]);
  });

  it('shows nothing of a push that rolls back', async () => {
    const before = (await ctx.sync.feed(0, 100_000, null)).length;
    await expect(
      ctx.sync.inPushTransaction(async (tx) => {
        const first = await tx.takeVersions(1);
        await tx.insertChanges([change(first)]);
        throw new Error('the push fails after its writes');
      }),
    ).rejects.toThrow('the push fails');
    expect(await ctx.sync.feed(0, 100_000, null)).toHaveLength(before);
  });
});

// Over HTTP, many pushes at once while a reader pulls as fast as it can: every page continues
// exactly where its cursor left off, so the reader receives versions 1, 2, 3… with no hole.
describe.each(DATABASE_KINDS)('pulling while phones push (%s)', (kind) => {
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

  it('never lets a pull pass a version that commits later', async () => {
    let pushing = true;
    const received: number[] = [];
    let cursor = '0';
    let pages = 0;
    // The whole province, asked for (a phone of the admin syncs only its own records).
    const pullOnce = async () => {
      const page = await server.admin.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${cursor}&limit=50&unit=${UNITS.province}&geography=kien-giang-2024`,
      );
      expect(page.status).toBe(200);
      received.push(...page.body.changes.map((c) => c.rev));
      cursor = page.body.cursor;
      pages += 1;
      return page.body.hasMore;
    };
    const reader = (async () => {
      while (pushing) await pullOnce();
      while (await pullOnce());
    })();
    const pushes = phones.map(async (phone, p) => {
      for (let batch = 0; batch < 8; batch++) {
        const results = await phone.push(
          Array.from({ length: 15 }, () =>
            upsert(talk(phone.user, [UNITS.vinhThanh, UNITS.vinhQuang, UNITS.dongHo][p]!)),
          ),
        );
        expect(results.every((r) => r.status === 'applied')).toBe(true);
      }
    });
    await Promise.all(pushes);
    pushing = false;
    await reader;

    expect(pages).toBeGreaterThan(3);
    // The admin reads everything: the whole history, numbered 1…n, each version once.
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));
    expect(received.length).toBeGreaterThanOrEqual(3 * 8 * 15);
  }, 60_000);

  it('the author-only feed misses none of the author’s versions while others push', async () => {
    const province = await server.officer('province', UNITS.province);
    let pushing = true;
    const received: number[] = [];
    let cursor = '0';
    const pullOnce = async () => {
      const page = await province.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${cursor}&limit=7`,
      );
      expect(page.status).toBe(200);
      received.push(
        ...page.body.changes.filter((c) => c.collection === 'activities').map((c) => c.rev),
      );
      cursor = page.body.cursor;
      return page.body.hasMore;
    };
    const reader = (async () => {
      while (pushing) await pullOnce();
      while (await pullOnce());
    })();
    const own: number[] = [];
    const writers = [...phones, province].map(async (phone, p) => {
      for (let batch = 0; batch < 6; batch++) {
        const commune = [UNITS.vinhThanh, UNITS.vinhQuang, UNITS.dongHo, UNITS.vinhThanh][p]!;
        const results = await phone.push(
          Array.from({ length: 5 }, () => upsert(talk(phone.user, commune))),
        );
        expect(results.every((r) => r.status === 'applied')).toBe(true);
        if (phone === province) own.push(...results.map((r) => ('rev' in r ? r.rev! : 0)));
      }
    });
    await Promise.all(writers);
    pushing = false;
    await reader;
    expect(own).toHaveLength(30);
    expect(received).toEqual([...own].sort((a, b) => a - b));
  }, 60_000);
});
