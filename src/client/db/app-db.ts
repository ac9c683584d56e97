import Dexie, { type Table, type Transaction } from 'dexie';
import { defaultAdminUnits } from '../../shared/admin-units/default-admin-units';
import kienGiang2024 from '../../shared/geography/data/kien-giang-2024.geography.json';
import type { Geography } from '../../shared/geography/geography';
import { KIEN_GIANG_2024 } from '../../shared/geography/geography-ids';
import {
  activityOf,
  activitySearchText,
  localRowOf,
  placeOf,
  searchRowOf,
} from './activity-search';
import { segmentsOf } from './search-segments';
import {
  DB_NAME_PREFIX,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4_GEOGRAPHIES,
  SCHEMA_V5_AGENCIES,
  SCHEMA_V6_PHOTOS,
  SCHEMA_V8_PERIOD_LOCKS,
  SCHEMA_V11_ACTIVITY_INDEXES,
  SCHEMA_V12_REPORT_TARGETS,
  SCHEMA_V13_SEARCH_SEGMENTS,
  SCHEMA_V14_ACTIVITY_RECORDS,
  SCHEMA_V15_DROP_ACTIVITIES,
  type ActivitySearchRow,
  type AdminUnit,
  type FormDraft,
  type LocalActivity,
  type MetaRow,
  type OutboxEntry,
  type PhotoThumb,
  type SearchSegment,
  type StoredAgency,
  type StoredPeriodLock,
  type StoredTargetSet,
  type StoredPhoto,
  type StoredGeography,
  type SyncNotice,
} from './app-db-schema';

export type {
  ActivitySearchRow,
  FormDraft,
  LocalActivity,
  LocalMeta,
  MetaRow,
  OutboxEntry,
  PhotoThumb,
  SearchSegment,
  StoredGeography,
  StoredPhoto,
  SyncNotice,
} from './app-db-schema';

type LocalChangeListener = () => void;

/** One officer's local store. One database per user, so a second user never touches it. */
export class AppDb extends Dexie {
  /** The records, keyed by id out of line (v14); read and written as `activities`. */
  activityRecords!: Table<LocalActivity, string>;
  searchSegments!: Table<SearchSegment, number>;
  outbox!: Table<OutboxEntry, number>;
  formDrafts!: Table<FormDraft, string>;
  adminUnits!: Table<AdminUnit, string>;
  meta!: Table<MetaRow, string>;
  syncNotices!: Table<SyncNotice, string>;
  geographies!: Table<StoredGeography, string>;
  agencies!: Table<StoredAgency, string>;
  photos!: Table<StoredPhoto, string>;
  photoThumbs!: Table<PhotoThumb, string>;
  periodLocks!: Table<StoredPeriodLock, string>;
  reportTargets!: Table<StoredTargetSet, string>;

  private readonly localChangeListeners = new Set<LocalChangeListener>();

  /**
   * The records table. Keyed out of line: a write passes the ids as keys
   * (`bulkPut(rows, ids)`, only in db/local-activity-write.ts); reads are as before.
   */
  get activities(): Table<LocalActivity, string> {
    return this.activityRecords;
  }

  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(backfillSearch);
    this.version(3).stores(SCHEMA_V3);
    this.version(4)
      .stores(SCHEMA_V4_GEOGRAPHIES)
      .upgrade(async (tx) => {
        await tx.table('geographies').put(seedGeography());
        // Records saved before geographies existed named a 2024 commune (the only tree known).
        const places = new Map<string, string>();
        await tx
          .table('activities')
          .toCollection()
          .modify((row: LocalActivity) => {
            if (!row.geographyId) row.geographyId = KIEN_GIANG_2024;
            places.set(row.id, placeOf(row));
          });
        // The list's unit filter reads where each record happened from its search row.
        await tx
          .table('activitySearch')
          .toCollection()
          .modify((row: ActivitySearchRow) => {
            const place = places.get(row.id);
            if (place) row.place = place;
          });
      });
    this.version(5).stores(SCHEMA_V5_AGENCIES);
    this.version(6).stores(SCHEMA_V6_PHOTOS);
    this.version(8).stores(SCHEMA_V8_PERIOD_LOCKS);
    this.version(11).stores(SCHEMA_V11_ACTIVITY_INDEXES);
    this.version(12).stores(SCHEMA_V12_REPORT_TARGETS);
    // The search rows as they are, cut into segments; the old table goes after this upgrade.
    this.version(13)
      .stores(SCHEMA_V13_SEARCH_SEGMENTS)
      .upgrade(async (tx) => {
        const rows = (await tx.table('activitySearch').toArray()) as ActivitySearchRow[];
        await tx.table('searchSegments').bulkAdd(segmentsOf(rows));
      });
    // The same rows under an out-of-line key (no clone per put); the old store goes in v15.
    this.version(14)
      .stores(SCHEMA_V14_ACTIVITY_RECORDS)
      .upgrade(async (tx) => {
        const rows = (await tx.table('activities').toArray()) as LocalActivity[];
        await tx.table('activityRecords').bulkAdd(
          rows,
          rows.map((row) => row.id),
        );
      });
    this.version(15).stores(SCHEMA_V15_DROP_ACTIVITIES);
    this.on('populate', async (tx) => {
      await tx.table('adminUnits').bulkAdd(defaultAdminUnits());
      await tx.table('geographies').put(seedGeography());
    });
  }

  /** The sync engine listens here so every local save triggers a push without UI wiring. */
  onLocalChange(listener: LocalChangeListener): () => void {
    this.localChangeListeners.add(listener);
    return () => this.localChangeListeners.delete(listener);
  }

  notifyLocalChange(): void {
    for (const listener of this.localChangeListeners) listener();
  }
}

// v1 rows have no folded text; compute it, and the compact search rows, from the stored data.
async function backfillSearch(tx: Transaction): Promise<void> {
  const units = (await tx.table('adminUnits').toArray()) as AdminUnit[];
  const names = new Map(units.map((u) => [u.code, u.name]));
  const rows: ActivitySearchRow[] = [];
  await tx
    .table('activities')
    .toCollection()
    .modify((row: LocalActivity) => {
      const activity = activityOf(row);
      const fresh = localRowOf(activity, {
        serverRev: row.localMeta.serverRev,
        pendingMutations: row.localMeta.pendingMutations,
        deleted: row.localMeta.deleted,
      });
      row.localMeta = fresh.localMeta;
      const text = activitySearchText(activity, names.get(row.communeCode));
      rows.push(searchRowOf(activity, fresh.localMeta, text));
    });
  await tx.table('activitySearch').bulkPut(rows);
}

/**
 * The 2024 tree ships with the app (rev 0: any pulled version replaces it), so a phone that has
 * never synced can record; the geographies after it arrive by pull.
 */
export function seedGeography(): StoredGeography {
  return { ...(structuredClone(kienGiang2024) as Geography), rev: 0 };
}

const openDbs = new Map<string, AppDb>();

export function appDbName(userId: string): string {
  return `${DB_NAME_PREFIX}${userId}`;
}

/** The database of this user on this device (created, seeded and migrated on first use). */
export function openAppDb(userId: string): AppDb {
  const name = appDbName(userId);
  const cached = openDbs.get(name);
  if (cached && !cached.hasBeenClosed()) return cached;
  const db = new AppDb(name);
  openDbs.set(name, db);
  return db;
}

/**
 * iOS may close IndexedDB under memory pressure (enketo#1576); the operation then fails with
 * DatabaseClosedError. Reopen and retry once; a second failure is a real error.
 */
export async function withReopen<T>(db: AppDb, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isClosedError(error)) throw error;
    if (!db.isOpen()) await db.open();
    return operation();
  }
}

function isClosedError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === Dexie.errnames.DatabaseClosed || name === 'InvalidStateError';
}

/** Commune code → name, for the folded search text. */
export async function communeNames(db: AppDb): Promise<Map<string, string>> {
  const units = await db.adminUnits.toArray();
  return new Map(units.map((u) => [u.code, u.name]));
}
