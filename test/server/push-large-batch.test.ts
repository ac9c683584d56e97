import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { Mutation, MutationResult, PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// A phone back from weeks offline pushes its backlog in full batches. On PostgreSQL a large
// batch takes its locks and reads while its mutations are checked (SyncService.push): whatever
// the batch mixes, each mutation must be answered and stored exactly as in a small one.

const rev = (r: MutationResult | undefined) => (r as { rev: number }).rev;

describe.each(DATABASE_KINDS)('a large push batch (%s)', (kind) => {
  let server: TestServer;
  let lan: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    lan = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
  });
  afterAll(() => server?.close());

  it('answers every mutation of a 104-mutation batch on its own, and a replay changes nothing', async () => {
    const earlier = Array.from({ length: 12 }, () => upsert(talk(lan.user, UNITS.vinhThanh)));
    const stored = await lan.push(earlier);
    expect(stored.every((r) => r.status === 'applied')).toBe(true);

    const fresh = Array.from({ length: 90 }, (_, i) =>
      upsert(talk(lan.user, UNITS.vinhThanh, { notes: `Ghi chú ${i}` })),
    );
    const invalid = upsert(
      talk(lan.user, UNITS.vinhThanh, {
        participants: { ...talk(lan.user, UNITS.vinhThanh).participants, total: 30, female: 35 },
      }),
    );
    const edits = earlier
      .slice(0, 6)
      .map((m, i) =>
        upsert({ ...(m.data as Activity), notes: `Sửa lần ${i}` } as Activity, rev(stored[i])),
      );
    const replays = earlier.slice(6, 10);
    const other = talk(lan.user, UNITS.vinhThanh);
    const reused: Mutation = { ...earlier[10]!, recordId: other.id, data: other };
    const photo = {
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      size: 1000,
      width: 1600,
      height: 1200,
      caption: 'Ảnh chưa tải lên',
      signedSheet: false,
      capturedAt: '2026-11-28T02:15:00.000Z',
      addedAt: new Date().toISOString(),
    };
    const waiting = upsert({ ...talk(lan.user, UNITS.vinhThanh), photos: [photo] } as Activity);
    const noIds = { op: 'upsert', data: {} };
    const batch = [
      ...fresh.slice(0, 40),
      invalid,
      ...edits,
      ...replays,
      reused,
      waiting,
      fresh[0]!, // the same mutation twice in one batch
      ...fresh.slice(40),
    ];
    expect(batch.length).toBeGreaterThanOrEqual(100);

    const results = await lan.push(batch);
    const statusOf = (m: Mutation) => results[batch.indexOf(m)]?.status;
    expect(results).toHaveLength(batch.length);
    expect(fresh.map(statusOf)).toEqual(fresh.map(() => 'applied'));
    expect(statusOf(invalid)).toBe('rejected');
    expect(edits.map(statusOf)).toEqual(edits.map(() => 'applied'));
    expect(replays.map((m) => results[batch.indexOf(m)])).toEqual(
      replays.map((m, i) => ({ ...stored[6 + i], status: 'duplicate', mutationId: m.mutationId })),
    );
    expect(results[batch.indexOf(reused)]).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'mutationId' })],
    });
    expect(results[batch.indexOf(waiting)]).toMatchObject({
      status: 'waiting',
      missingPhotos: [photo.sha256],
    });
    expect(results[batch.lastIndexOf(fresh[0]!)]).toMatchObject({
      status: 'duplicate',
      rev: rev(results[0]),
    });
    // New versions: one each for the fresh records and the edits, contiguous, none twice.
    const revs = results.filter((r) => r.status === 'applied').map(rev);
    expect(revs).toHaveLength(fresh.length + edits.length);
    expect(new Set(revs).size).toBe(revs.length);
    expect(Math.max(...revs) - Math.min(...revs)).toBe(revs.length - 1);

    // Sent again (the answer was lost): nothing new is written, the applied ones are duplicates.
    const replay = await lan.push(batch);
    expect(replay.map((r) => r.status)).toEqual(
      results.map((r) => (r.status === 'applied' ? 'duplicate' : r.status)),
    );
    expect(replay.filter((r) => r.status === 'duplicate').map(rev)).toEqual(
      results.filter((r) => r.status === 'applied' || r.status === 'duplicate').map(rev),
    );

    // Stored once each, as last sent; the refused and the waiting ones not at all.
    const pulled = await lan.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=1000');
    const changes = pulled.body.changes.filter((c) => c.collection === 'activities');
    const byRecord = new Map<string, number>();
    for (const c of changes) byRecord.set(c.recordId, (byRecord.get(c.recordId) ?? 0) + 1);
    for (const m of fresh) expect(byRecord.get(m.recordId)).toBe(1);
    for (const m of edits) expect(byRecord.get(m.recordId)).toBe(2);
    for (const m of [invalid, reused, waiting]) expect(byRecord.has(m.recordId)).toBe(false);
    const lastEdit = changes.findLast((c) => c.recordId === edits[5]!.recordId);
    expect((lastEdit?.data as Activity | null)?.notes).toBe('Sửa lần 5');

    // A mutation without usable ids fails the whole request (a client bug), storing nothing.
    const unsent = Array.from({ length: 60 }, () => upsert(talk(lan.user, UNITS.vinhThanh)));
    const broken = await lan.call('POST', '/api/sync/push', {
      body: { mutations: [...unsent, noIds] },
    });
    expect(broken.status).toBe(400);
    const after = await lan.call<PullResponse>('GET', '/api/sync/pull?since=0&limit=1000');
    const ids = new Set(unsent.map((m) => m.recordId));
    expect(after.body.changes.some((c) => ids.has(c.recordId))).toBe(false);
  });
});
