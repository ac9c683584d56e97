import { activityOf } from '../../../db/activity-search';
import { withReopen, type AppDb, type LocalActivity } from '../../../db/app-db';
import {
  activityWriteTables,
  writeActivities,
  type ActivityWrite,
} from '../../../db/local-activity-write';
import { restoreFormDrafts } from '../../activities/store/form-draft-store';
import { outboxTables, restoreOutboxEntries } from '../../sync/outbox/outbox';
import {
  BackupDecryptError,
  openBackup,
  readBackupHeader,
  type BackupOwner,
  type OpenedBackup,
} from './backup-crypto';
import { decodePhotoPart, PHOTO_PART_PREFIX, restorePhoto } from './backup-photos';
import { isBackupDocument } from './backup-document';

/** The file is another officer's: nothing is restored (their data is not this account's). */
export class BackupOwnerError extends Error {
  constructor(readonly owner: BackupOwner) {
    super(`backup of another user (${owner.username})`);
    this.name = 'BackupOwnerError';
  }
}

export interface RestoreSummary {
  /** Records written (new on this phone, or this phone's copy replaced by the file's). */
  activities: number;
  /** Queued changes added (those already queued here are not added twice). */
  mutations: number;
  drafts: number;
  photos: number;
}

/**
 * "Khôi phục": puts a backup file of the signed-in officer back on this phone, through each
 * table's own writer, without duplicates — records by id, queued changes by mutation id, drafts
 * by form, photos by hash. Records, their queued changes and drafts go in one transaction.
 * The sync engine then pushes the restored changes, which the server treats as it would from the
 * phone that made them (mutation ids are its idempotency keys).
 */
export async function restoreBackup(
  db: AppDb,
  user: { id: string },
  file: Blob,
  passphrase: string,
): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  // Said before the passphrase is even tried: the officer learns at once it is the wrong file.
  if (header.owner.userId !== user.id) throw new BackupOwnerError(header.owner);
  const opened = await openBackup(file, passphrase);
  const document = opened.document;
  if (!isBackupDocument(document)) throw new BackupDecryptError('damaged');
  if (document.owner.userId !== user.id) throw new BackupOwnerError(header.owner);
  const photos = await restorePhotos(db, opened);

  const summary = await withReopen(db, () =>
    db.transaction(
      'rw',
      [...activityWriteTables(db), ...outboxTables(db), db.formDrafts],
      async () => {
        const added = await restoreOutboxEntries(db, document.outbox);
        const addedFor = new Map<string, number>();
        for (const e of added) addedFor.set(e.recordId, (addedFor.get(e.recordId) ?? 0) + 1);
        const writes: ActivityWrite[] = [];
        for (const saved of document.activities) {
          const write = await restoredWrite(db, saved, addedFor.get(saved.id) ?? 0);
          if (write) writes.push(write);
        }
        await writeActivities(db, writes);
        const drafts = await restoreFormDrafts(db, document.formDrafts);
        return { activities: writes.length, mutations: added.length, drafts, photos };
      },
    ),
  );
  db.notifyLocalChange();
  return summary;
}

/**
 * Photos first, so a restored record never lists a photo whose bytes are not here. Every photo
 * is decrypted and checked against its hash before any is stored (a damaged file stores
 * nothing), then again, one at a time, to store it: never all of them in memory at once.
 */
async function restorePhotos(db: AppDb, opened: OpenedBackup): Promise<number> {
  const indexes = opened.partIds.flatMap((id, i) => (id.startsWith(PHOTO_PART_PREFIX) ? [i] : []));
  const read = async (index: number) => {
    try {
      return await decodePhotoPart(await opened.readPart(index));
    } catch {
      throw new BackupDecryptError('damaged');
    }
  };
  for (const index of indexes) await read(index);
  let stored = 0;
  for (const index of indexes) {
    const photo = await read(index);
    if (photo && (await restorePhoto(db, photo))) stored += 1;
  }
  return stored;
}

/**
 * How one record of the file is taken: the file's copy when this phone has none, when the file
 * brings unsynced changes this phone had not queued over a synced copy here, or when it is a
 * newer synced copy; otherwise this phone's copy stays (only its count of queued changes grows).
 */
async function restoredWrite(
  db: AppDb,
  saved: LocalActivity,
  addedChanges: number,
): Promise<ActivityWrite | null> {
  const local = await db.activities.get(saved.id);
  // Every queued change of the record counts, those restored and those already here.
  const pendingMutations = await db.outbox.where('recordId').equals(saved.id).count();
  const savedRev = saved.localMeta.serverRev ?? -1;
  const fromFile = (remote: LocalActivity['localMeta']['remote']): ActivityWrite => ({
    activity: activityOf(saved),
    state: {
      serverRev: saved.localMeta.serverRev,
      pendingMutations,
      deleted: saved.localMeta.deleted,
      ...(remote ? { remote } : {}),
    },
  });
  if (!local) return fromFile(saved.localMeta.remote);
  const localRev = local.localMeta.serverRev ?? -1;
  if (addedChanges > 0 && local.localMeta.pendingMutations === 0) {
    // The officer's unsynced edit comes back over the server copy this phone pulled. If that
    // copy is newer than the edit's base, keep it as the known server version: adopted after
    // the push if the server already had this edit (the original phone sent it), else merged.
    const remote =
      localRev > savedRev
        ? { rev: localRev, data: local.localMeta.deleted ? null : activityOf(local) }
        : saved.localMeta.remote;
    return fromFile(remote);
  }
  if (addedChanges === 0 && local.localMeta.pendingMutations === 0 && savedRev > localRev) {
    return fromFile(local.localMeta.remote);
  }
  if (addedChanges === 0) return null;
  return {
    activity: activityOf(local),
    state: { ...local.localMeta, pendingMutations },
  };
}
