import type { AppDb } from '../../../src/client/db/app-db';
import { applyPullPage } from '../../../src/client/features/sync/engine/pull-apply';
import { defaultGeographies } from '../../../src/shared/geography/default-geographies';
import { defaultAgencies } from '../../../src/shared/agencies/default-agencies';

/** The phone receives the shipped geographies exactly as a pull brings them. */
export async function pullShippedGeographies(db: AppDb): Promise<void> {
  await applyPullPage(db, {
    changes: defaultGeographies().map((g, i) => ({
      collection: 'geographies' as const,
      recordId: g.id,
      op: 'upsert' as const,
      rev: i + 1,
      data: g,
    })),
    cursor: 'geographies',
    hasMore: false,
  });
}

/** The seeded organising agencies, as a pull brings them. */
export async function pullShippedAgencies(db: AppDb): Promise<void> {
  await applyPullPage(db, {
    changes: defaultAgencies().map((a, i) => ({
      collection: 'agencies' as const,
      recordId: a.id,
      op: 'upsert' as const,
      rev: 100 + i,
      data: a,
    })),
    cursor: 'agencies',
    hasMore: false,
  });
}
