import { pulledTargetSetSchema } from '../../../../shared/reports/report-targets';
import { deleteTargetSet, putTargetSet } from '../../../db/report-target-write';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import { adminUnitSchema } from '../../../../shared/admin-units/admin-unit.schema';
import type { Change, PullResponse } from '../../../../shared/sync/sync-protocol';
import { activityOf } from '../../../db/activity-search';
import { deleteAdminUnit, putAdminUnit } from '../../../db/admin-unit-write';
import { deleteGeography, putGeography } from '../../../db/geography-write';
import { deleteAgency, putAgency } from '../../../db/agency-write';
import {
  deletePeriodLock,
  putPeriodLock,
  putProvinceSettings,
} from '../../../db/period-lock-write';
import {
  PROVINCE_SETTINGS_ID,
  provinceSettingsSchema,
} from '../../../../shared/reports/province-settings';
import { sweepAfterPage } from './scope-sweep';
import { reportSubmissionSchema } from '../../../../shared/reports/report-submission';
import { agencySchema } from '../../../../shared/agencies/agency.schema';
import { geographySchema } from '../../../../shared/geography/geography.schema';
import type { AppDb, LocalActivity } from '../../../db/app-db';
import { photoReleaseTables, releaseUnreferencedPhotos } from '../../../db/photo-write';
import {
  activityWriteTables,
  writeActivities,
  type ActivityWrite,
} from '../../../db/local-activity-write';

export const SYNC_CURSOR_KEY = 'syncCursor';

export interface PullPageOutcome {
  applied: number;
  /** Changes not applied because the local record has changes of its own still queued. */
  keptLocal: number;
  /** Records removed from the phone: a restarted feed (new scope) did not bring them. */
  removed: number;
}

/**
 * Applies one pulled page and the cursor after it in ONE transaction, so a crash between pages
 * resumes exactly where it stopped. A record with unacknowledged local changes is never
 * overwritten: its queued push will be merged by the server and the answer brings the result.
 */
export async function applyPullPage(db: AppDb, page: PullResponse): Promise<PullPageOutcome> {
  const outcome: PullPageOutcome = { applied: 0, keptLocal: 0, removed: 0 };
  const tables = [
    ...activityWriteTables(db),
    db.agencies,
    db.periodLocks,
    db.reportTargets,
    ...photoReleaseTables(db),
  ];
  await db.transaction('rw', tables, async () => {
    const unitChanges = page.changes.filter((c) => c.collection === 'admin_units');
    for (const change of unitChanges) await applyUnitChange(db, change);
    outcome.applied += unitChanges.length;
    // Geographies before the records of the same page: a record's commune is named from them.
    const geographyChanges = page.changes.filter((c) => c.collection === 'geographies');
    for (const change of geographyChanges) await applyGeographyChange(db, change);
    outcome.applied += geographyChanges.length;
    const agencyChanges = page.changes.filter((c) => c.collection === 'agencies');
    for (const change of agencyChanges) await applyAgencyChange(db, change);
    outcome.applied += agencyChanges.length;
    const reportChanges = page.changes.filter(
      (c) => c.collection === 'period_locks' || c.collection === 'settings',
    );
    for (const change of reportChanges) await applyReportChange(db, change);
    outcome.applied += reportChanges.length;
    const targetChanges = page.changes.filter((c) => c.collection === 'report_targets');
    for (const change of targetChanges) await applyTargetChange(db, change);
    outcome.applied += targetChanges.length;

    const activityChanges = page.changes.filter((c) => c.collection === 'activities');
    if (activityChanges.length > 0) {
      const ids = [...new Set(activityChanges.map((c) => c.recordId))];
      const current = new Map<string, ActivityWrite>();
      const stored = await storedIds(db, ids);
      const known = ids.filter((id) => stored.has(id));
      (await db.activities.bulkGet(known)).forEach(
        (row) => row && current.set(row.id, writeOf(row)),
      );
      for (const change of activityChanges) {
        const existing = current.get(change.recordId);
        if (existing && existing.state.pendingMutations > 0) {
          current.set(change.recordId, stashRemote(existing, change));
          outcome.keptLocal += 1;
          continue;
        }
        // Pages are in server order, but a stale copy must never replace a newer one.
        if (existing?.state.serverRev != null && change.rev < existing.state.serverRev) continue;
        const next = nextWrite(change, existing);
        if (next) current.set(change.recordId, next);
        outcome.applied += 1;
      }
      const writes = ids
        .map((id) => current.get(id))
        .filter((w): w is ActivityWrite => w !== undefined);
      await writeActivities(db, writes);
      // A copy of a colleague's photo kept here goes once the record no longer lists it.
      await releaseUnreferencedPhotos(db, ids);
    }
    outcome.removed = (await sweepAfterPage(db, page)).length;
    await db.meta.put({ key: SYNC_CURSOR_KEY, value: page.cursor });
  });
  return outcome;
}

// Which of `ids` are stored here: one key-only read over their range instead of reading a row
// per id. On a new phone's first sync none are, and each skipped read saves a value's trip
// through IndexedDB and the structured clone on the main thread.
function storedIds(db: AppDb, ids: readonly string[]): Promise<Set<string>> {
  let low = ids[0]!;
  let high = low;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  return db.activities
    .where(':id')
    .between(low, high, true, true)
    .primaryKeys()
    .then((keys) => new Set(keys as string[]));
}

function writeOf(row: LocalActivity): ActivityWrite {
  return { activity: activityOf(row), state: row.localMeta };
}

// Kept beside the pending local version, for when its changes are acknowledged.
function stashRemote(existing: ActivityWrite, change: Change): ActivityWrite {
  const stash = existing.state.remote;
  if (stash && stash.rev >= change.rev) return existing;
  const data = change.op === 'delete' ? null : (change.data as Activity);
  return { ...existing, state: { ...existing.state, remote: { rev: change.rev, data } } };
}

function nextWrite(change: Change, existing: ActivityWrite | undefined): ActivityWrite | undefined {
  if (change.op === 'delete') {
    if (!existing) return undefined;
    return { ...existing, state: { ...existing.state, deleted: 1, serverRev: change.rev } };
  }
  const data = change.data as Activity | null;
  if (!isActivityShaped(data, change.recordId)) return existing;
  return { activity: data, state: { serverRev: change.rev, pendingMutations: 0, deleted: 0 } };
}

// The server validated the record with the shared schema on push; here only guard against a
// shape the app could not display (e.g. a newer server's unknown type).
function isActivityShaped(data: Activity | null, recordId: string): data is Activity {
  return (
    typeof data === 'object' &&
    data !== null &&
    data.id === recordId &&
    (ACTIVITY_TYPES as readonly string[]).includes(data.type) &&
    typeof data.date === 'string'
  );
}

async function applyUnitChange(db: AppDb, change: Change): Promise<void> {
  if (change.op === 'delete') {
    await deleteAdminUnit(db, change.recordId);
    return;
  }
  const unit = adminUnitSchema.safeParse(change.data);
  if (unit.success) await putAdminUnit(db, unit.data);
}

async function applyGeographyChange(db: AppDb, change: Change): Promise<void> {
  if (change.op === 'delete') {
    await deleteGeography(db, change.recordId);
    return;
  }
  const geography = geographySchema.safeParse(change.data);
  if (geography.success) await putGeography(db, { ...geography.data, rev: change.rev });
}

async function applyAgencyChange(db: AppDb, change: Change): Promise<void> {
  if (change.op === 'delete') {
    await deleteAgency(db, change.recordId);
    return;
  }
  const agency = agencySchema.safeParse(change.data);
  if (agency.success) await putAgency(db, { ...agency.data, rev: change.rev });
}

/** Submitted period reports (locks) and the province's report settings. */
async function applyReportChange(db: AppDb, change: Change): Promise<void> {
  if (change.collection === 'settings') {
    const settings = provinceSettingsSchema.safeParse(change.data);
    if (change.recordId === PROVINCE_SETTINGS_ID && settings.success)
      await putProvinceSettings(db, settings.data);
    return;
  }
  if (change.op === 'delete') {
    await deletePeriodLock(db, change.recordId);
    return;
  }
  const lock = reportSubmissionSchema.safeParse(change.data);
  if (lock.success) await putPeriodLock(db, { ...lock.data, rev: change.rev });
}

async function applyTargetChange(db: AppDb, change: Change): Promise<void> {
  if (change.op === 'delete') return deleteTargetSet(db, change.recordId);
  const set = pulledTargetSetSchema.safeParse(change.data);
  if (set.success) await putTargetSet(db, set.data, change.rev);
}

export async function loadCursor(db: AppDb): Promise<string | null> {
  const row = await db.meta.get(SYNC_CURSOR_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}
