import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

/** Pulls from `since` until the server has no more, `limit` changes a page. */
async function drain(session: Session, since: string, limit: number) {
  const changes: Change[] = [];
  const pages: PullResponse[] = [];
  let cursor = since;
  for (;;) {
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${cursor}&limit=${limit}`,
    );
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    changes.push(...answer.body.changes);
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return { changes, pages, cursor };
  }
}

/** Pushes `count` talks into `commune`; the versions the server acknowledged, in order. */
async function pushTalks(session: Session, commune: string, count: number): Promise<number[]> {
  const results = await session.push(
    Array.from({ length: count }, () => upsert(talk(session.user, commune))),
  );
  return results.map((r) => (r.status === 'applied' ? r.rev : -1));
}

const activityRevs = (changes: Change[]) =>
  changes.filter((c) => c.collection === 'activities').map((c) => c.rev);

// A commune's phones catching up together read nearly the same rows from nearby cursors; the
// server shares what one of them read (feed-cache.ts) and the compressed page itself when two
// would get the same bytes (compressed-bodies.ts, by the page's identity). What a phone gets
// must stay exactly what its own read would give: every version of its scope once, in order,
// none of another scope, its own account in the page.
describe.each(DATABASE_KINDS)('pull pages shared between phones (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;
  let mai: Session;
  let other: Session;
  const ours: number[] = [];
  const theirs: number[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    // Two accounts of one commune (one feed), and a phone of another commune.
    lan = await server.officer('commune', UNITS.vinhThanh);
    mai = await server.officer('commune', UNITS.vinhThanh);
    other = await server.officer('commune', UNITS.vinhQuang);
    ours.push(...(await pushTalks(lan, UNITS.vinhThanh, 40)));
    theirs.push(...(await pushTalks(other, UNITS.vinhQuang, 40)));
  });
  afterAll(() => server?.close());

  it('a cursor inside rows another phone read gets every later version once, in order', async () => {
    // Lan reads the whole feed: the server now holds its rows up to the newest version.
    const whole = await drain(lan, '0', 1000);
    expect(activityRevs(whole.changes)).toEqual(ours);
    // Mai stops inside that range.
    const first = await mai.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=150');
    expect(first.body.hasMore).toBe(true);
    // New versions land above what was read: of this commune, and of the other between them.
    const more = [
      ...(await pushTalks(lan, UNITS.vinhThanh, 5)),
      ...(await pushTalks(other, UNITS.vinhQuang, 5)).map(() => -1),
      ...(await pushTalks(mai, UNITS.vinhThanh, 5)),
    ].filter((rev) => rev > 0);
    // Mai goes on in small pages from her cursor inside the range, then past its top.
    const rest = await drain(mai, first.body.cursor, 7);
    const got = [...first.body.changes, ...rest.changes];
    const revs = got.map((c) => c.rev);
    expect(revs.every((rev, i) => i === 0 || rev > revs[i - 1]!)).toBe(true);
    expect(activityRevs(got)).toEqual([...ours, ...more]);
    // The reference data too: the same as Lan's whole feed, once each.
    const reference = (changes: Change[]) =>
      changes.filter((c) => c.collection !== 'activities').map((c) => c.rev);
    expect(reference(got)).toEqual(reference(whole.changes));
    // And Lan, going on from her cursor at the old top, gets exactly the new versions.
    expect(activityRevs((await drain(lan, whole.cursor, 3)).changes)).toEqual(more);
  });

  it('never gives a page of one scope to another, nor one account’s page to another', async () => {
    // This commune's rows are kept from Lan's read; the other commune's phone then pulls from a
    // cursor inside them (past the reference data they share).
    await drain(lan, '0', 1000);
    const start = await other.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=150');
    expect(start.body.hasMore).toBe(true);
    const otherFeed = await drain(other, start.body.cursor, 1000);
    expect(activityRevs(otherFeed.changes)).toEqual(
      expect.arrayContaining(theirs.filter((rev) => rev > 0)),
    );
    expect(activityRevs(otherFeed.changes).filter((rev) => ours.includes(rev))).toEqual([]);
    for (const page of otherFeed.pages) expect(page.user?.id).toBe(other.user.id);
    // Mai's first page is Lan's in its changes, but carries Mai's account.
    const [lanPage] = (await drain(lan, '0', 1000)).pages;
    const [maiPage] = (await drain(mai, '0', 1000)).pages;
    expect(maiPage!.changes).toEqual(lanPage!.changes);
    expect(lanPage!.user?.id).toBe(lan.user.id);
    expect(maiPage!.user?.id).toBe(mai.user.id);
  });
});
