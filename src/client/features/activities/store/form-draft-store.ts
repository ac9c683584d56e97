import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { withReopen, type AppDb, type FormDraft } from '../../../db/app-db';
import { photoReleaseTables, releaseUnreferencedPhotos } from '../../../db/photo-write';

export interface FormDraftInput {
  activityId: string;
  type: ActivityType;
  /** The form's values as typed, unvalidated (react-hook-form's getValues()). */
  values: unknown;
  /** True while the activity has never been saved. */
  isNew: boolean;
}

/**
 * Autosave of a form in progress (the UI calls it debounced on change), so a phone call, a closed
 * tab or a crash loses nothing. Saving the activity removes the draft in the same transaction.
 */
export async function saveFormDraft(db: AppDb, draft: FormDraftInput): Promise<FormDraft> {
  const row: FormDraft = {
    ...draft,
    values: structuredClone(draft.values),
    savedAt: new Date().toISOString(),
  };
  await withReopen(db, () => db.formDrafts.put(row));
  return row;
}

export async function loadFormDraft(db: AppDb, activityId: string): Promise<FormDraft | undefined> {
  return withReopen(db, () => db.formDrafts.get(activityId));
}

/** Unfinished forms, most recently touched first (to offer "continue where you left off"). */
export async function listFormDrafts(db: AppDb): Promise<FormDraft[]> {
  const drafts = await withReopen(db, () => db.formDrafts.orderBy('savedAt').toArray());
  return drafts.reverse();
}

/** Throws the draft away, with the bytes of photos attached to it that nothing else lists. */
export async function discardFormDraft(db: AppDb, activityId: string): Promise<void> {
  await withReopen(db, () =>
    db.transaction('rw', photoReleaseTables(db), async () => {
      await db.formDrafts.delete(activityId);
      await releaseUnreferencedPhotos(db, [activityId]);
    }),
  );
}

/**
 * Drafts from a backup file ("Khôi phục"), inside the caller's rw transaction over formDrafts: a
 * draft is taken unless this phone has a newer one of the same form. Returns how many were taken.
 */
export async function restoreFormDrafts(db: AppDb, drafts: readonly FormDraft[]): Promise<number> {
  let taken = 0;
  for (const draft of drafts) {
    const local = await db.formDrafts.get(draft.activityId);
    if (local && local.savedAt >= draft.savedAt) continue;
    await db.formDrafts.put(draft);
    taken += 1;
  }
  return taken;
}

// The last keystrokes before a reload or a closed tab: the debounced IndexedDB write may never
// finish once the page is going away, so the page's last moments write the form to localStorage
// (synchronous), and opening the form again moves it into formDrafts.
const RESCUE_PREFIX = 'outreach-log:draft-rescue:';
const rescueKey = (db: AppDb, activityId: string) => `${RESCUE_PREFIX}${db.name}:${activityId}`;

/** Synchronous: safe in pagehide / beforeunload. False if storage refused (full, private mode). */
export function rescueFormDraft(db: AppDb, draft: FormDraftInput): boolean {
  try {
    const row: FormDraft = { ...draft, savedAt: new Date().toISOString() };
    localStorage.setItem(rescueKey(db, draft.activityId), JSON.stringify(row));
    return true;
  } catch {
    return false;
  }
}

export function forgetRescuedDraft(db: AppDb, activityId: string): void {
  try {
    localStorage.removeItem(rescueKey(db, activityId));
  } catch {
    // Nothing was stored then.
  }
}

/**
 * The form's draft, with a rescued one (newer than the stored draft) moved into formDrafts
 * first, so that what was typed just before a reload is what the form opens with.
 */
export async function loadFormDraftWithRescue(
  db: AppDb,
  activityId: string,
): Promise<FormDraft | undefined> {
  const stored = await loadFormDraft(db, activityId);
  let rescued: FormDraft | undefined;
  try {
    const text = localStorage.getItem(rescueKey(db, activityId));
    rescued = text ? (JSON.parse(text) as FormDraft) : undefined;
  } catch {
    rescued = undefined;
  }
  if (!rescued || (stored && stored.savedAt >= rescued.savedAt)) {
    if (rescued) forgetRescuedDraft(db, activityId);
    return stored;
  }
  await withReopen(db, () => db.formDrafts.put(rescued));
  forgetRescuedDraft(db, activityId);
  return rescued;
}
