import { describe, expect, it } from 'vitest';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { pulledPageSchema } from '../../src/shared/sync/sync-protocol';
import { compileAcceptor } from '../../src/shared/validation/zod-accept';

// The app reads pull pages through compileAcceptor(pulledPageSchema) (sync-http.ts): on a page
// zod accepts it must give exactly zod's output, and on anything else it must step aside
// (undefined) so zod itself answers.

const accept = compileAcceptor(pulledPageSchema);

function page(): Record<string, unknown> {
  const changes: unknown[] = ACTIVITY_TYPES.map((type, i) => ({
    collection: 'activities',
    recordId: `r${i}`,
    op: 'upsert',
    rev: 100 + i,
    data: {
      ...newActivity(type, { communeCode: '30742', authorId: 'u1', authorName: 'Lan', now: 1e12 }),
      id: `r${i}`,
    },
    updatedBy: 'Nguyễn Thị Lan',
    updatedAt: '2026-12-01T04:00:00.000Z',
    extraFromANewerServer: 1,
  }));
  changes.push(
    { collection: 'activities', recordId: 'gone', op: 'delete', rev: 120, data: null },
    { collection: 'admin_units', recordId: '30742', op: 'upsert', rev: 3, data: { code: '30742' } },
    // A newer server's collection: kept, so the engine applies the page up to it.
    { collection: 'future_things', recordId: 'x', op: 'merge', rev: 121, data: { a: [1] } },
  );
  return {
    changes,
    cursor: '121',
    hasMore: true,
    remaining: 9000,
    user: {
      id: 'u1',
      username: 'lan',
      displayName: 'Nguyễn Thị Lan',
      role: 'commune',
      unitCode: '30742',
      geographyId: 'an-giang-2025',
      token: 'never kept',
    },
    restarted: true,
    unknownTopLevel: 'dropped',
  };
}

describe('compileAcceptor(pulledPageSchema)', () => {
  it('accepts a real page with exactly zod’s output (keys, order, unknown keys dropped)', () => {
    const input = page();
    const fast = accept(input);
    expect(fast).toBeDefined();
    const zod = pulledPageSchema.parse(input);
    expect(fast).toStrictEqual(zod);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    expect(accept({ changes: [], cursor: '0', hasMore: false })).toStrictEqual({
      changes: [],
      cursor: '0',
      hasMore: false,
    });
  });

  it('steps aside on every page zod refuses', () => {
    const broken: ((p: Record<string, unknown>) => void)[] = [
      (p) => delete p.cursor,
      (p) => (p.hasMore = 'yes'),
      (p) => (p.remaining = -1),
      (p) => (p.remaining = 1.5),
      (p) => (p.restarted = false),
      (p) => ((p.changes as Record<string, unknown>[])[0]!.rev = '101'),
      (p) => delete (p.changes as Record<string, unknown>[])[1]!.recordId,
      (p) => ((p.changes as Record<string, unknown>[])[2]!.op = 5),
      (p) => ((p.user as Record<string, unknown>).role = 'king'),
      (p) => (p.changes = {}),
    ];
    for (const breakIt of broken) {
      const input = page();
      breakIt(input);
      expect(pulledPageSchema.safeParse(input).success, breakIt.toString()).toBe(false);
      expect(accept(input), breakIt.toString()).toBeUndefined();
    }
  });
});
