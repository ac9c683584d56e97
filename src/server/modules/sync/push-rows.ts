import type { Insertable, Selectable } from 'kysely';
import type { ActivitiesTable, ChangesTable, MutationsTable } from '../../db/schema';
import { REPORT_COLUMN_NAMES } from '../reports/report-columns';
import type { TotalsRow } from '../reports/report-totals';

// The rows a push writes (PushBatch collects them; sqlite-batch-write.repository.ts and
// pg-batch-write.repository.ts write them), and their columns in the order they are sent.

export type ChangeRow = Selectable<ChangesTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewChange = Insertable<ChangesTable>;
export type MutationRow = Selectable<MutationsTable>;

export const CHANGE_COLUMNS = [
  'version',
  'collection',
  'record_id',
  'op',
  'geography_id',
  'commune_code',
  'prev_geography_id',
  'prev_commune_code',
  'data',
  'submitted',
  'user_id',
  'device_id',
  'updated_by',
  'updated_at',
] as const satisfies readonly (keyof ChangesTable)[];
export const ACTIVITY_COLUMNS = [
  'id',
  'geography_id',
  'commune_code',
  'author_id',
  'rev',
  'deleted',
  'updated_at',
  ...REPORT_COLUMN_NAMES,
] as const satisfies readonly (keyof ActivitiesTable)[];
export const MUTATION_COLUMNS = [
  'mutation_id',
  'record_id',
  'user_id',
  'device_id',
  'rev',
  'applied_at',
] as const satisfies readonly (keyof MutationsTable)[];

export const PHOTO_REF_COLUMNS = ['sha256', 'activity_id'] as const;

/** Everything a push batch writes, flushed at its end (see PushTransaction.writeBatch). */
export interface BatchWrites {
  changes: NewChange[];
  activities: ActivityRow[];
  totals: TotalsRow[];
  mutations: MutationRow[];
  /** Which activities referenced which photos (read rights of the photo). */
  photoRefs: PhotoRef[];
}
export type PhotoRef = { sha256: string; activity_id: string };

/**
 * The versions a batch takes: it numbered its new ones provisionally after the counter as it
 * read it (`start`, at or above every stored version of its locked records); `count` of them.
 */
export interface BatchVersions {
  start: number;
  count: number;
}

/** Each photo reference once (one INSERT … ON CONFLICT may not touch a row twice). */
export function uniquePhotoRefs(rows: readonly PhotoRef[]): PhotoRef[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.sha256}/${r.activity_id}`;
    return !seen.has(key) && seen.add(key);
  });
}
