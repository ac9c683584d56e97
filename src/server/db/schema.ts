import type { Generated } from 'kysely';
import type { Role } from '../../shared/auth/roles';
import type { Collection } from '../../shared/sync/sync-protocol';
import type { STORED_MEASURES } from '../../shared/reports/report-measures';

// Table types for Kysely. Times are ISO 8601 strings and booleans 0/1 integers on both dialects,
// so rows look the same whether they come from SQLite or PostgreSQL.

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_code: string;
  /** The geography `unit_code` belongs to (migration 0006). */
  geography_id: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
  /** Set while an admin has disabled the account (it cannot log in; its devices were revoked). */
  disabled_at: string | null;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AdminUnitsTable {
  code: string;
  name: string;
  type: string;
  level: string;
  parent_code: string | null;
  rev: number;
}

/**
 * What a report sums, kept current in the push transaction (migration 0008): the form, status
 * date and geography (the one in force on its date) of the record, and one integer column per stored measure of src/shared/reports.
 */
export type ReportColumnValues = {
  form: string;
  status: string;
  activity_date: string;
  /** Folded words of the record for the records browser (migration 0009). */
  search_text: string;
} & Record<(typeof STORED_MEASURES)[number], number>;
/** Defaulted ('' and 0), so inserts that predate the reports need not name them. */
type ReportColumns = { [K in keyof ReportColumnValues]: Generated<ReportColumnValues[K]> };

/**
 * Current state of each activity: the indexed columns, pointing at its latest version. The JSON
 * itself is stored once, in `changes` (version = rev), so a push writes each record's bytes once.
 */
export interface ActivitiesTable extends ReportColumns {
  id: string;
  geography_id: string;
  commune_code: string;
  author_id: string;
  /** The `changes.version` holding the current record (or its tombstone). */
  rev: number;
  deleted: number;
  updated_at: string;
}

/**
 * The report columns of live activities summed per month and per day (migration 0019), for each
 * geography, commune, form and status: what a report over a range of dates reads instead of
 * every activity of the range. Kept current by the push (one multi-row upsert of differences
 * per batch; see report-totals.ts).
 */
export type ActivityTotalsTable = {
  /** 'month' (bucket yyyy-MM) or 'day' (bucket yyyy-MM-dd). */
  grain: string;
  bucket: string;
  geography_id: string;
  commune_code: string;
  form: string;
  status: string;
  activities: number;
} & Record<(typeof STORED_MEASURES)[number], number>;

/** Every version of every record, in server order: the history and the pull feed. */
export interface ChangesTable {
  version: number;
  collection: Collection;
  record_id: string;
  op: 'upsert' | 'delete';
  /** The activity's commune and its geography (null for reference data). */
  geography_id: string | null;
  commune_code: string | null;
  /** The commune before this version, when it moved: readers there get a tombstone. */
  prev_geography_id: string | null;
  prev_commune_code: string | null;
  data: string | null;
  /** What the device sent, when the stored data differs (a merge): the base of its next edit. */
  submitted: string | null;
  user_id: string | null;
  device_id: string | null;
  updated_by: string;
  updated_at: string;
}

/** Applied mutations, unique per account: what makes a replayed push change nothing. */
export interface MutationsTable {
  mutation_id: string;
  record_id: string;
  user_id: string;
  device_id: string;
  rev: number;
  applied_at: string;
}

/** One row (id 1): the last version handed out. Updated first in every writing transaction. */
export interface VersionCounterTable {
  id: number;
  value: number;
}

/** Every change made to an account (accounts screen, users CLI, the officer's own password). */
export interface AccountAuditLogTable {
  /** UUIDv7: orders entries by time. */
  id: string;
  at: string;
  /** null: the server's command line. */
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_user_id: string;
  target_username: string;
  /** JSON object: what changed. */
  details: string;
}

/** Login attempts per key (address+username, username, known device) in a fixed window. */
export interface LoginAttemptsTable {
  key: string;
  /** Epoch milliseconds. */
  window_start: number;
  count: number;
}

/** Devices that logged in to an account: SHA-256 of the key they keep (never the key). */
export interface KnownDevicesTable {
  key_hash: string;
  user_id: string;
  created_at: string;
  last_login_at: string;
}

/** A stored photo: complete, its SHA-256 verified. The bytes are in the photo storage. */
export interface PhotosTable {
  sha256: string;
  size: number;
  mime: string;
  /** The account whose upload completed it (may download it before any record references it). */
  uploaded_by: string;
  created_at: string;
}

/** Activities that referenced a photo in any version. */
export interface ActivityPhotosTable {
  sha256: string;
  activity_id: string;
}

/** Unit trees with validity dates and mappings, one JSON document each (migration 0006). */
export interface GeographiesTable {
  id: string;
  valid_from: string;
  data: string;
  rev: number;
}

/** Organising agencies with their validity, one JSON document each (migration 0011). */
export interface AgenciesTable {
  id: string;
  data: string;
  rev: number;
}

/** The province's settings, one JSON document (migration 0015). */
export interface ProvinceSettingsTable {
  id: string;
  data: string;
  rev: number;
}

/** Each unit's submission of a period report: the period lock (migration 0016). */
export interface ReportSubmissionsTable {
  id: string;
  geography_id: string;
  unit_code: string;
  period: string;
  year: number;
  state: 'submitted' | 'reopened';
  date_from: string;
  date_to: string;
  /** The ReportSubmission JSON, as pulled by phones. */
  data: string;
  rev: number;
}

/** Every submit and reopen of a period report (migration 0016). */
export interface ReportSubmissionEventsTable {
  id: string;
  submission_id: string;
  action: 'submit' | 'reopen';
  user_id: string;
  user_name: string;
  at: string;
  reason: string | null;
  snapshot: string | null;
}

/** Yearly targets (chỉ tiêu) per unit and indicator (migration 0017). */
export interface ReportTargetsTable {
  geography_id: string;
  unit_code: string;
  year: number;
  indicator: string;
  value: number;
  set_by: string;
  set_at: string;
}

export interface DB {
  province_settings: ProvinceSettingsTable;
  report_submissions: ReportSubmissionsTable;
  report_submission_events: ReportSubmissionEventsTable;
  report_targets: ReportTargetsTable;
  geographies: GeographiesTable;
  agencies: AgenciesTable;
  users: UsersTable;
  devices: DevicesTable;
  admin_units: AdminUnitsTable;
  activities: ActivitiesTable;
  activity_totals: ActivityTotalsTable;
  changes: ChangesTable;
  mutations: MutationsTable;
  version_counter: VersionCounterTable;
  account_audit_log: AccountAuditLogTable;
  login_attempts: LoginAttemptsTable;
  known_devices: KnownDevicesTable;
  photos: PhotosTable;
  activity_photos: ActivityPhotosTable;
}
