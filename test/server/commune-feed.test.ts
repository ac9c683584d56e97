import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/db/kysely-runtime';
import type { NewChange } from '../../src/server/modules/sync/push-rows';
import type { UnitRef } from '../../src/shared/geography/geography';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { useSyncDatabase } from './support/sync-database';
import { DATABASE_KINDS } from './support/test-database';

const G = 'an-giang-2025';
const OLD = 'kien-giang-2024';
const CODES = ['30001', '30002', '30003', '30004', '30005'];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

// The commune feed (a commune phone's pull) reads one index range per commune (migration 0024)
// instead of walking the whole history. It must send exactly what the walk sent: every change
// of the reader's communes, now or before the change (targets of those units included), and the
// reference data, in version order, once each, and nothing else.
describe.each(DATABASE_KINDS)('the commune feed through its indexes (%s)', (kind) => {
  const ctx = useSyncDatabase(kind);
  const history: NewChange[] = [];

  beforeAll(async () => {
    const start = await sql<{
      m: number | string;
    }>`select max(version) as m from changes`.execute(ctx.database.db);
    let version = Number(start.rows[0]!.m);
    const next = random(14);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const rows: NewChange[] = [];
    for (let i = 0; i < 1500; i++) {
      version += 1;
      const roll = next();
      const geography = next() < 0.8 ? G : OLD;
      const base = {
        version,
        record_id: uuidv7(),
        op: next() < 0.1 ? ('delete' as const) : ('upsert' as const),
        data: `{"i":${i}}`,
        updated_by: 'thử nghiệm',
        updated_at: new Date().toISOString(),
      };
      rows.push(
        roll < 0.05
          ? { ...base, collection: pick(['admin_units', 'agencies'] as const) }
          : roll < 0.08
            ? // A unit's targets: only to readers of that unit.
              {
                ...base,
                collection: 'report_targets',
                geography_id: geography,
                commune_code: pick(CODES),
              }
            : roll < 0.15
              ? // Moved: from a commune (maybe of the old geography) to another.
                {
                  ...base,
                  collection: 'activities',
                  geography_id: geography,
                  commune_code: pick(CODES),
                  prev_geography_id: pick([G, OLD]),
                  prev_commune_code: pick(CODES),
                }
              : {
                  ...base,
                  collection: 'activities',
                  geography_id: geography,
                  commune_code: pick(CODES),
                },
      );
    }
    for (let i = 0; i < rows.length; i += 100) {
      await ctx.database.db
        .insertInto('changes')
        .values(rows.slice(i, i + 100))
        .execute();
    }
    const all = await ctx.database.db
      .selectFrom('changes')
      .selectAll()
      .orderBy('version')
      .execute();
    history.push(...(all as unknown as NewChange[]));
  });

  const expected = (since: number, limit: number, communes: UnitRef[]) => {
    const keys = new Set(communes.map((c) => `${c.geographyId}/${c.code}`));
    return history
      .filter(
        (c) =>
          Number(c.version) > since &&
          ((c.collection !== 'activities' && c.collection !== 'report_targets') ||
            keys.has(`${c.geography_id}/${c.commune_code}`) ||
            keys.has(`${c.prev_geography_id}/${c.prev_commune_code}`)),
      )
      .slice(0, limit)
      .map((c) => Number(c.version));
  };

  it('sends each reader exactly the versions the whole-history walk sent, in order, once', async () => {
    const next = random(7);
    const last = Number(history.at(-1)!.version);
    const scopes: UnitRef[][] = [
      [{ geographyId: G, code: CODES[0]! }],
      [{ geographyId: OLD, code: CODES[1]! }],
      // A record moved between two of the reader's communes matches both: sent once.
      [
        { geographyId: G, code: CODES[2]! },
        { geographyId: G, code: CODES[3]! },
      ],
      CODES.map((code) => ({ geographyId: G, code })).concat([{ geographyId: OLD, code: '30001' }]),
    ];
    for (const communes of scopes) {
      for (let round = 0; round < 8; round++) {
        const since = round === 0 ? 0 : Math.floor(next() * last);
        const limit = [1, 7, 100, 501][round % 4]!;
        const got = (await ctx.sync.feed(since, limit, communes)).map((r) => Number(r.version));
        expect(got, `since ${since}, limit ${limit}, ${JSON.stringify(communes)}`).toEqual(
          expected(since, limit, communes),
        );
      }
      // Paging to the end from 0 sees the whole feed.
      const pages: number[] = [];
      let since = 0;
      for (;;) {
        const page = await ctx.sync.feed(since, 37, communes);
        pages.push(...page.map((r) => Number(r.version)));
        if (page.length < 37) break;
        since = Number(page.at(-1)!.version);
      }
      expect(pages).toEqual(expected(0, Infinity, communes));
    }
  });

  it('moved records come once even when both communes are the reader’s', async () => {
    const both = [
      { geographyId: G, code: CODES[2]! },
      { geographyId: G, code: CODES[3]! },
    ];
    const moved = history.filter(
      (c) =>
        c.prev_commune_code !== undefined &&
        c.prev_commune_code !== null &&
        both.some((u) => u.geographyId === c.geography_id && u.code === c.commune_code) &&
        both.some((u) => u.geographyId === c.prev_geography_id && u.code === c.prev_commune_code),
    );
    expect(moved.length).toBeGreaterThan(0);
    const versions = (await ctx.sync.feed(0, 100_000, both)).map((r) => Number(r.version));
    expect(new Set(versions).size).toBe(versions.length);
    for (const c of moved) expect(versions).toContain(Number(c.version));
  });

  it('reads the stored JSON of the versions asked for', async () => {
    const some = history.slice(-5).map((c) => Number(c.version));
    const data = await ctx.sync.changeData(some);
    expect([...data.keys()].sort((a, b) => a - b)).toEqual(some);
    for (const c of history.slice(-5)) expect(data.get(Number(c.version))).toBe(c.data);
  });
});
