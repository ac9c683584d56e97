import type { Activity } from '../../shared/activity/activity.schema';
import type { ActivityType } from '../../shared/activity/activity-enums';
import type { AdminUnit } from '../../shared/admin-units/admin-unit.schema';
import type { Geography } from '../../shared/geography/geography';
import type { ReportSubmission } from '../../shared/reports/report-submission';
import type { PulledTargetSet } from '../../shared/reports/report-targets';
import type { Agency } from '../../shared/agencies/agency';
import type { PhotoMimeType } from '../../shared/photos/photo-limits';
import type { FieldConflict, FieldError, Mutation } from '../../shared/sync/sync-protocol';

// Row types and the versioned Dexie schema. Versions are append-only: a shipped version is never
// edited, a new one is added with an upgrade() that backfills what it introduces.

/** 0/1 rather than boolean: IndexedDB cannot index booleans. */
export type Flag = 0 | 1;

export interface LocalMeta {
  /** 'YYYY-MM' of the activity date: the month it is listed and reported under. */
  month: string;
  /**
   * Folded search text, written v2–v11 only: since v13 it lives in the search segments alone
   * (a smaller row to store on a new phone's first sync). Old rows keep it; nothing reads it.
   */
  searchText?: string;
  /** Last rev the server acknowledged for this record; null until the server has seen it. */
  serverRev: number | null;
  /** Outbox entries not yet acknowledged for this record; 0 = synced. */
  pendingMutations: number;
  deleted: Flag;
  /**
   * The newest server version a pull brought while local changes were pending (so it was not
   * applied). Adopted once those changes are acknowledged if it is still newer than their rev:
   * the cursor has moved past it and it would never come again.
   */
  remote?: { rev: number; data: Activity | null };
}

/** The zod `Activity` is the source of truth; local bookkeeping lives beside it, never inside. */
export type LocalActivity = Activity & { localMeta: LocalMeta };

/** Compact row per activity so search and listing never deserialise whole records (v2). */
export interface ActivitySearchRow {
  id: string;
  type: ActivityType;
  month: string;
  /** `${date}|${id}`: ids are UUIDv7, so this orders by activity date, then creation time. */
  sortKey: string;
  deleted: Flag;
  text: string;
  /** `${geographyId}|${communeCode}`: where it happened, for the unit filter (since v4). */
  place?: string;
}

/**
 * Search rows stored many to a value (v13; see search-segments.ts). Later segments replace what
 * earlier ones said of a record; `removed` lists records that left the phone.
 */
export interface SearchSegment {
  seq: number;
  rows: ActivitySearchRow[];
  removed: string[];
}

export type OutboxStatus = 'pending' | 'rejected';

/** A mutation in its exact wire shape plus local delivery bookkeeping. */
export interface OutboxEntry extends Mutation {
  /** Local insertion order; pushes go out in this order. */
  seq?: number;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  /** Set when the server refused the mutation; it stays here until the officer fixes the record. */
  rejection?: { reason: string; errors: FieldError[] };
}

export interface FormDraft {
  activityId: string;
  type: ActivityType;
  /** Unvalidated form values exactly as typed: nothing the officer typed is ever dropped. */
  values: unknown;
  isNew: boolean;
  savedAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type SyncNoticeKind = 'rejected' | 'conflict' | 'mapped' | 'moved';

/** Something the officer must be told about a record after a sync. */
export interface SyncNotice {
  id: string;
  kind: SyncNoticeKind;
  recordId: string;
  mutationId: string;
  /** Title of the record when the notice was made, so it reads well even if later deleted. */
  recordTitle: string;
  /** Rejected: the server's one-sentence reason, as worded when it arrived. */
  reason?: string;
  /** Rejected: the reason's message key ('problem.noWriteRight') and params, shown in the UI language. */
  reasonCode?: string;
  reasonParams?: Record<string, string | number>;
  errors?: FieldError[];
  /** Conflict: the fields another device also changed, with the value that lost. */
  conflicts?: FieldConflict[];
  /** Mapped: the server stored the record under the commune the old one became (July 2025). */
  mapped?: { fromName: string; toName: string };
  /** Moved: an administrator moved the account; the units before and after. */
  moved?: { fromName: string; toName: string };
  createdAt: string;
}

export type { AdminUnit };

/**
 * A geography as pulled (whole: tree, validity, mapping) with the server rev it came with; the
 * 2024 tree is seeded at rev 0 so a phone that never synced can still record.
 */
export type StoredGeography = Geography & { rev: number };

/** An organising agency as pulled, with the server rev it came with. */
export type StoredAgency = Agency & { rev: number };

export const DB_NAME_PREFIX = 'outreach-log:';

/** v1: the first shipped schema. Kept verbatim so the migration from it stays tested. */
export const SCHEMA_V1 = {
  activities: 'id, type, localMeta.month, localMeta.pendingMutations',
  outbox: '++seq, &mutationId, recordId, status',
  formDrafts: 'activityId, savedAt',
  adminUnits: 'code, parentCode',
  meta: 'key',
  syncNotices: 'id, recordId, createdAt',
} as const;

/** v2: a compact search/list table, backfilled from existing activities on upgrade. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  activitySearch: 'id, sortKey, month',
} as const;

/** v3: `deleted` indexed, so the list's total is an index count, not a read of every row. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  activitySearch: 'id, sortKey, month, deleted',
} as const;

/**
 * v4: geographies (unit trees with validity dates and mappings), from the pull. Only the table
 * it adds: Dexie keeps every table an earlier version declared.
 */
export const SCHEMA_V4_GEOGRAPHIES = {
  geographies: 'id',
} as const;

/** v5: organising agencies with their validity dates, from the pull. */
export const SCHEMA_V5_AGENCIES = {
  agencies: 'id',
} as const;

/**
 * The compressed bytes of one evidence photo (v6). ArrayBuffer + MIME rather than a Blob: Safari
 * has lost Blobs stored in IndexedDB. Keyed by the SHA-256 of the bytes, its id everywhere.
 */
export interface StoredPhoto {
  sha256: string;
  mime: PhotoMimeType;
  bytes: ArrayBuffer;
  /**
   * Records (saved, queued or drafts) on this phone that may list it. A hint for clean-up: the
   * bytes go only once none of them, their outbox entries or their drafts lists it any more.
   */
  activityIds: string[];
  /** 1 once the server has the bytes (uploaded from here, or fetched from it). */
  onServer: Flag;
  /** When the bytes arrived on this phone. */
  storedAt: string;
}

/** A small JPEG of a photo for lists and the detail screen, apart so a list never reads bytes. */
export interface PhotoThumb {
  sha256: string;
  mime: 'image/jpeg';
  bytes: ArrayBuffer;
}

/** v6: evidence photos' bytes and their thumbnails. */
export const SCHEMA_V6_PHOTOS = {
  photos: 'sha256, *activityIds, onServer',
  photoThumbs: 'sha256',
} as const;

/**
 * v11: the activities table keeps only the index something reads (the unsynced count). `type`
 * and `localMeta.month` were never queried (lists and counts read the compact search rows), yet
 * IndexedDB wrote both index entries for every record: a new phone's first sync of 10,000
 * records paid for 20,000 of them.
 */
export const SCHEMA_V11_ACTIVITY_INDEXES = {
  activities: 'id, localMeta.pendingMutations',
} as const;

/**
 * v13: the search rows move from a row per record (`activitySearch`, three indexes) into
 * segments of many rows (`searchSegments`): a new phone's first sync writes one value per
 * pulled page for search instead of one row and three index entries per record. The
 * activities lose their last index: the unsynced count reads the outbox's recordId index.
 */
export const SCHEMA_V13_SEARCH_SEGMENTS = {
  activities: 'id',
  activitySearch: null,
  searchSegments: 'seq',
} as const;

/**
 * v14: the records move to a store keyed out of line (`activityRecords`, key = the record's
 * id, the same rows). With an in-line key path Chromium clones every value on `put()` to read
 * its key from the clone; a new phone's first sync writes 10,000 of them, and the `put()` loop
 * was the largest share of its main thread. Measured in Chromium at 4× CPU, 10 × 1,000 rows:
 * the loop 3.0–3.5 s out of line against 5.0–6.5 s in line (docs/performance.md). v15 drops the
 * old store once the rows are copied.
 */
export const SCHEMA_V14_ACTIVITY_RECORDS = {
  activityRecords: '',
} as const;

/** v15: the in-line keyed `activities` store goes (its rows are in `activityRecords`). */
export const SCHEMA_V15_DROP_ACTIVITIES = {
  activities: null,
} as const;

/** A unit's submitted period report as pulled (`period_locks`), with the server rev. */
export type StoredPeriodLock = ReportSubmission & { rev: number };

/** v8: submitted period reports (the period locks), from the pull. */
export const SCHEMA_V8_PERIOD_LOCKS = {
  periodLocks: 'id',
} as const;

/** A unit's yearly target set as pulled (`report_targets`), with the server rev. */
export type StoredTargetSet = PulledTargetSet & { id: string; rev: number };

/** v12: yearly targets of the phone's own commune, from the pull (id `geography~unit~year`). */
export const SCHEMA_V12_REPORT_TARGETS = {
  reportTargets: 'id',
} as const;
