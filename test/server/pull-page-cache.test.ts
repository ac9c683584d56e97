import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { PASSWORD, startTestServer, type Session, type TestServer } from './support/test-server';

// Pull pages end at versions shared by readers of the same feed (pull-page-cut.ts), and full
// pages are sent again from a cache (pull-page-cache.ts). What must hold for the phones: every
// version once and in order from any cursor, each reader only its own scope and its own account,
// and nothing stale at the end of the feed or in a count.

interface Drained {
  changes: Change[];
  /** The version each page's cursor ends at, in order. */
  ends: number[];
  cursor: string;
}

const LIMIT = 100;

async function drain(session: Session, since: string, query = ''): Promise<Drained> {
  const out: Drained = { changes: [], ends: [], cursor: since };
  for (;;) {
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${out.cursor}&limit=${LIMIT}${query}`,
    );
    expect(answer.status).toBe(200);
    out.changes.push(...answer.body.changes);
    out.cursor = answer.body.cursor;
    out.ends.push(Number.parseInt(out.cursor, 10));
    if (!answer.body.hasMore) return out;
  }
}

const page = (session: Session, since: string, query = '') =>
  session.call<PullResponse>('GET', `/api/sync/pull?since=${since}&limit=${LIMIT}${query}`);
const scopeKeyOf = (cursor: string) => cursor.split('.')[1]!;
const revs = (changes: Change[]) => changes.map((c) => c.rev);
const communesOf = (changes: Change[]) =>
  new Set(
    changes
      .filter((c) => c.collection === 'activities' && c.data)
      .map((c) => (c.data as { communeCode: string }).communeCode),
  );

describe.each(DATABASE_KINDS)('pull pages shared between readers (%s)', (kind) => {
  let server: TestServer;
  let phone: Session;
  let secondPhone: Session;
  let colleague: Session;
  let neighbour: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phone = await server.officer('commune', UNITS.vinhThanh);
    secondPhone = await server.login(phone.user.username, PASSWORD, 'Máy tính bảng');
    colleague = await server.officer('commune', UNITS.vinhThanh);
    neighbour = await server.officer('commune', UNITS.vinhQuang);
    // Vĩnh Thanh's records, with Vĩnh Quang's in between (versions its readers do not get).
    for (let batch = 0; batch < 4; batch++) {
      const ours = Array.from({ length: 100 }, () => talk(phone.user, UNITS.vinhThanh));
      expect((await phone.push(ours.map((r) => upsert(r)))).every((r) => 'rev' in r)).toBe(true);
      const theirs = Array.from({ length: 20 }, () => talk(neighbour.user, UNITS.vinhQuang));
      await neighbour.push(theirs.map((r) => upsert(r)));
    }
  });
  afterAll(() => server?.close());

  it('brings two phones from different cursors onto the same pages, every version once, in order', async () => {
    const first = await drain(phone, '0');
    const key = scopeKeyOf(first.cursor);
    expect(first.ends.length).toBeGreaterThan(4);
    // The second phone last synced a few versions into the first phone's first page.
    const start = first.changes[4]!.rev;
    const second = await drain(secondPhone, `${start}.${key}`);
    expect(revs(second.changes)).toEqual(revs(first.changes).filter((rev) => rev > start));
    // After a page or two the second phone's pages end where the first phone's did.
    const meet = second.ends.findIndex((end) => first.ends.includes(end));
    expect(meet).toBeGreaterThanOrEqual(0);
    expect(meet).toBeLessThanOrEqual(2);
    expect(second.ends.slice(meet)).toEqual(
      first.ends.slice(first.ends.indexOf(second.ends[meet]!)),
    );
  });

  it('gives each reader its own account, and a reader of another commune only its commune', async () => {
    const first = await drain(phone, '0');
    // A full page every Vĩnh Thanh phone has now been sent.
    const since = `${first.ends[1]}.${scopeKeyOf(first.cursor)}`;
    const mine = await page(phone, since);
    expect(mine.body.hasMore).toBe(true);
    const theirs = await page(colleague, since);
    expect(theirs.status).toBe(200);
    expect(revs(theirs.body.changes)).toEqual(revs(mine.body.changes));
    expect(mine.body.user?.id).toBe(phone.user.id);
    expect(theirs.body.user?.id).toBe(colleague.user.id);

    // The neighbour asks from the same version with its own scope's cursor.
    const own = await drain(neighbour, '0');
    const sameVersion = await page(neighbour, `${first.ends[1]}.${scopeKeyOf(own.cursor)}`);
    expect(sameVersion.status).toBe(200);
    expect(sameVersion.body.user?.id).toBe(neighbour.user.id);
    expect(communesOf(sameVersion.body.changes)).toEqual(new Set([UNITS.vinhQuang]));
    expect(communesOf(mine.body.changes)).toEqual(new Set([UNITS.vinhThanh]));
  });

  it('never serves a stale end of the feed or a stale count', async () => {
    const first = await drain(phone, '0');
    const key = scopeKeyOf(first.cursor);
    const early = `${first.ends[0]}.${key}`;
    const lastPage = `${first.ends.at(-2)}.${key}`;
    const counted = await page(phone, early, '&count=activities');
    expect(counted.body.hasMore).toBe(true);
    const last = await page(phone, lastPage);
    expect(last.body.hasMore).toBe(false);
    expect(last.body.changes.length).toBeGreaterThan(10);
    const fullPage = await page(phone, `${first.ends[1]}.${key}`);
    expect(fullPage.body.hasMore).toBe(true);

    const more = Array.from({ length: 5 }, () => talk(phone.user, UNITS.vinhThanh));
    await phone.push(more.map((r) => upsert(r)));

    const countedAgain = await page(phone, early, '&count=activities');
    expect(countedAgain.body.remaining).toBe(counted.body.remaining! + 5);
    const rest = await drain(phone, lastPage);
    expect(rest.changes.slice(-5).map((c) => c.recordId)).toEqual(more.map((r) => r.id));
    // A full page is the same whatever committed after it.
    const fullAgain = await page(phone, `${first.ends[1]}.${key}`);
    expect(fullAgain.body).toEqual(fullPage.body);
  });
});
