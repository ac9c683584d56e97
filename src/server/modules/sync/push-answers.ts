import type { Activity } from '../../../shared/activity/activity.schema';
import { problemReason } from '../../../shared/i18n/problem-message';
import { lockOf, type ReportSubmission } from '../../../shared/reports/report-submission';
import type { FieldConflict, MutationResult } from '../../../shared/sync/sync-protocol';
import type { WriteRefusal } from './activity-access';
import type { BatchMutation, PreparedMutation } from './prepare-mutation';
import type { ActivityRow, ChangeRow } from './push-rows';

// What PushBatch answers for each mutation, and the period lock it checks: pure functions of
// the mutation and the rows it read (push-batch.ts keeps the batch's state).

/** A submission freezing the stored record or the one sent (moving into or out of a period). */
export function lockedBy(
  locks: readonly ReportSubmission[],
  current: ActivityRow | undefined,
  record: Activity | undefined,
): ReportSubmission | undefined {
  if (locks.length === 0) return undefined;
  const stored =
    current && !current.deleted && current.activity_date
      ? lockOf(locks, {
          geographyId: current.geography_id,
          communeCode: current.commune_code,
          date: current.activity_date,
        })
      : undefined;
  return stored ?? (record ? lockOf(locks, { ...record }) : undefined);
}

/** A change that waits for its photos: neither applied nor remembered (PushBatch.wait). */
export function waitingAnswer(m: BatchMutation, missingPhotos: string[]): MutationResult {
  return {
    mutationId: m.mutationId,
    recordId: m.recordId,
    status: 'waiting',
    ...(missingPhotos.length > 0
      ? problemReason('photosMissing', { count: missingPhotos.length })
      : problemReason('waitingForPhotos')),
    missingPhotos,
  };
}

export function rejectedAnswer(m: BatchMutation, why: WriteRefusal): MutationResult {
  return { mutationId: m.mutationId, recordId: m.recordId, status: 'rejected', ...why };
}

/** A write stored as `rev` over another device's: what each field it replaced held. */
export function conflictAnswer(
  m: BatchMutation,
  rev: number,
  data: Activity,
  lost: { path: string; value: unknown }[],
  overwrittenRev: number,
  overwritten: Pick<ChangeRow, 'updated_by' | 'updated_at'> | undefined,
): MutationResult {
  const conflicts: FieldConflict[] = lost.map(({ path, value }) => ({
    path,
    overwrittenValue: value,
    overwrittenRev,
    overwrittenBy: overwritten?.updated_by ?? '',
    overwrittenAt: overwritten?.updated_at ?? '',
  }));
  return {
    mutationId: m.mutationId,
    recordId: m.recordId,
    status: 'conflict',
    rev,
    conflicts,
    data,
  };
}

/** Moves every version numbered above `start` in the answers up by `delta`. */
export function renumber(results: MutationResult[], start: number, delta: number) {
  if (delta === 0) return;
  const moved = (version: number) => (version > start ? version + delta : version);
  for (const result of results) {
    if (result.status === 'rejected' || result.status === 'waiting') continue;
    result.rev = moved(result.rev);
    if (result.status !== 'conflict') continue;
    for (const conflict of result.conflicts) {
      conflict.overwrittenRev = moved(conflict.overwrittenRev);
    }
  }
}

/** Tells the device its record was stored under the commune its old one became. */
export function withMapping(result: MutationResult, item: PreparedMutation): MutationResult {
  if (!item.mapped) return result;
  if (result.status === 'applied') return { ...result, mapped: item.mapped, data: item.record };
  if (result.status === 'conflict') return { ...result, mapped: item.mapped };
  // A resend after a lost answer: the mapping is a pure function of the record sent (its date,
  // its commune) and the geographies, so it is said again without reading anything.
  if (result.status === 'duplicate') return { ...result, mapped: item.mapped };
  return result;
}
