import { describe, expect, it } from 'vitest';
import { CompiledQuery } from '../../src/server/db/kysely-runtime';
import type { BatchWrites, MutationRow, NewChange } from '../../src/server/modules/sync/push-rows';
import { INLINE_MAX_CHARS } from '../../src/server/modules/sync/pg-array-parameters';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { historyChange, storedVersions, useSyncDatabase } from './support/sync-database';
import { DATABASE_KINDS } from './support/test-database';

// A push numbers its new versions after the counter as it read it, and takes the counter only
// in its last write (PostgreSQL: with the COMMIT, one round trip). Another push committing in
// between moves its versions up: what is stored and answered must be the versions taken.

function change(version: number, recordId = uuidv7()): NewChange {
  return historyChange(version, recordId, `{"n":${version},"text":"Họp 'dân' \\"ấp\\" $q$ {a,b}"}`);
}

function mutation(recordId: string, rev: number): MutationRow {
  return {
    mutation_id: uuidv7(),
    record_id: recordId,
    user_id: 'u-test',
    device_id: 'd-test',
    rev,
    applied_at: new Date().toISOString(),
  };
}

function writes(changes: NewChange[], mutations: MutationRow[] = []): BatchWrites {
  return { changes, activities: [], totals: [], mutations, photoRefs: [] };
}

describe.each(DATABASE_KINDS)('a push’s last write (%s)', (kind) => {
  const ctx = useSyncDatabase(kind);

  const versions = () => storedVersions(ctx.sync);

  it('stores the rows at the versions taken, and acknowledges nothing it did not take', async () => {
    const before = await versions();
    const known = uuidv7();
    const first = await ctx.sync.inPushTransaction(async (tx) => {
      const start = await tx.counterValue();
      const a = change(start + 1);
      const b = change(start + 2);
      const taken = await tx.writeBatch(
        writes([a, b], [mutation(a.record_id, start + 1), mutation(known, start)]),
        { start, count: 2 },
      );
      expect(taken).toBe(start + 1);
      return taken;
    });
    const after = await versions();
    expect(after.map((v) => v.version)).toEqual([
      ...before.map((v) => v.version),
      first,
      first + 1,
    ]);
    const rows = await ctx.database.db
      .selectFrom('mutations')
      .select(['record_id', 'rev'])
      .where('user_id', '=', 'u-test')
      .execute();
    expect(rows.find((r) => r.record_id === known)?.rev).toBe(first - 1);
  });

  it.runIf(kind === 'postgres')(
    'moves its versions past a push that committed after it read the counter',
    async () => {
      const recordId = uuidv7();
      const known = uuidv7();
      let start = 0;
      let first = 0;
      let other = 0;
      await ctx.sync.inPushTransaction(async (tx) => {
        start = await tx.counterValue();
        // Another push reads the same counter, takes 3 versions and commits first.
        other = await ctx.sync.inPushTransaction(async (otherTx) => {
          const s = await otherTx.counterValue();
          expect(s).toBe(start);
          return otherTx.writeBatch(writes([change(s + 1), change(s + 2), change(s + 3)]), {
            start: s,
            count: 3,
          });
        });
        first = await tx.writeBatch(
          writes(
            [change(start + 1, recordId), change(start + 2, recordId)],
            [mutation(recordId, start + 2), mutation(known, start)],
          ),
          { start, count: 2 },
        );
        // Committed with that write: the counter is free for the next push at once, and a
        // reader on another connection already sees the versions.
        expect(tx.committed).toBe(true);
        const free = await ctx.database.reader.executeQuery(
          CompiledQuery.raw('select value from version_counter where id = 1 for update nowait'),
        );
        expect(Number((free.rows[0] as { value: number }).value)).toBe(start + 5);
      });
      expect(other).toBe(start + 1);
      expect(first).toBe(start + 4);
      const stored = (await versions()).filter((v) => v.id === recordId).map((v) => v.version);
      expect(stored).toEqual([start + 4, start + 5]);
      const revs = await ctx.database.db
        .selectFrom('mutations')
        .select(['record_id', 'rev'])
        .where('record_id', 'in', [recordId, known])
        .execute();
      expect(Object.fromEntries(revs.map((r) => [r.record_id, Number(r.rev)]))).toEqual({
        [recordId]: start + 5,
        [known]: start,
      });
    },
  );

  it('writes nothing when the last write fails, and the next push goes on', async () => {
    const before = await versions();
    const duplicate = change(0);
    await expect(
      ctx.sync.inPushTransaction(async (tx) => {
        const start = await tx.counterValue();
        const a = change(start + 1);
        // The same version twice: the history's primary key refuses the write.
        await tx.writeBatch(writes([a, { ...duplicate, version: start + 1 }]), {
          start,
          count: 2,
        });
      }),
    ).rejects.toThrow();
    expect(await versions()).toEqual(before);
    const first = await ctx.sync.inPushTransaction(async (tx) => {
      const start = await tx.counterValue();
      return tx.writeBatch(writes([change(start + 1)]), { start, count: 1 });
    });
    expect((await versions()).at(-1)?.version).toBe(first);
  });

  it('stores a large batch (bound parameters, then COMMIT) at the versions taken, or nothing if it fails', async () => {
    const big = (version: number) => ({
      ...change(version),
      data: `{"n":${version},"t":"${'ấp '.repeat(400)}"}`,
    });
    const before = await versions();
    const first = await ctx.sync.inPushTransaction(async (tx) => {
      const start = await tx.counterValue();
      const batch = Array.from({ length: 80 }, (_, i) => big(start + 1 + i));
      expect(batch.reduce((n, c) => n + c.data.length, 0)).toBeGreaterThan(INLINE_MAX_CHARS);
      const taken = await tx.writeBatch(writes(batch), { start, count: batch.length });
      if (kind === 'postgres') expect(tx.committed).toBe(true);
      return taken;
    });
    const after = await versions();
    expect(after.length).toBe(before.length + 80);
    expect(after.slice(-80).map((v) => v.version)).toEqual(
      Array.from({ length: 80 }, (_, i) => first + i),
    );
    await expect(
      ctx.sync.inPushTransaction(async (tx) => {
        const start = await tx.counterValue();
        const batch = Array.from({ length: 80 }, (_, i) => big(start + 1 + i));
        batch.push({ ...batch[0]! });
        await tx.writeBatch(writes(batch), { start, count: batch.length });
      }),
    ).rejects.toThrow();
    expect(await versions()).toEqual(after);
    // PostgreSQL runs a large batch's write as a statement prepared once per connection: after a
    // failed one, and in another shape (with mutation ids), the next large batches store alike.
    for (const withMutations of [false, true, false]) {
      const stored = await versions();
      const taken = await ctx.sync.inPushTransaction(async (tx) => {
        const start = await tx.counterValue();
        const batch = Array.from({ length: 80 }, (_, i) => big(start + 1 + i));
        const ids = withMutations ? batch.map((c) => mutation(c.record_id, Number(c.version))) : [];
        return tx.writeBatch(writes(batch, ids), { start, count: batch.length });
      });
      expect((await versions()).slice(stored.length).map((v) => v.version)).toEqual(
        Array.from({ length: 80 }, (_, i) => taken + i),
      );
    }
  });
});
