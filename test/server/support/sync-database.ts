import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../../src/server/db/database';
import type { DatabaseConfig, DatabaseKind } from '../../../src/server/db/database';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { SyncRepository } from '../../../src/server/modules/sync/sync.repository';
import type { NewChange } from '../../../src/server/modules/sync/push-rows';
import { UNITS } from './fixtures';
import { createTestDatabase } from './test-database';

/** What a describe block of repository-level sync tests works on; filled by its beforeAll. */
export interface SyncDatabase {
  database: Database;
  sync: SyncRepository;
  /** How to open the same database again (another pool, another connection). */
  config: DatabaseConfig;
}

/**
 * A migrated scratch database of `kind` with its sync repository (reads on `database.reader`,
 * as the server does), made before the block's tests and dropped after them. Call it inside the
 * describe block; the block's own beforeAll hooks run after this one.
 */
export function useSyncDatabase(kind: DatabaseKind): SyncDatabase {
  const context = {} as SyncDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const scratch = await createTestDatabase(kind);
    drop = scratch.drop;
    context.config = scratch.config;
    context.database = openDatabase(scratch.config);
    await migrateToLatest(context.database);
    context.sync = new SyncRepository(context.database.db, kind, context.database.reader);
  });
  afterAll(async () => {
    await context.database?.close();
    await drop?.();
  });
  return context;
}

/** Every stored change in version order, as (version, record id): what a full pull would see. */
export async function storedVersions(
  sync: SyncRepository,
): Promise<{ version: number; id: string }[]> {
  return (await sync.feed(0, 1_000_000, null)).map((r) => ({
    version: Number(r.version),
    id: r.record_id,
  }));
}

/** A history row of an activity in Vĩnh Thanh (2024) at `version`, with the given stored JSON. */
export function historyChange(version: number, recordId: string, data: string): NewChange {
  return {
    version,
    collection: 'activities',
    record_id: recordId,
    op: 'upsert',
    geography_id: 'kien-giang-2024',
    commune_code: UNITS.vinhThanh,
    data,
    updated_by: 'thử nghiệm',
    updated_at: new Date().toISOString(),
  };
}
