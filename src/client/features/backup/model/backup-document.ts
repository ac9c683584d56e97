import type { FormDraft, LocalActivity, OutboxEntry } from '../../../db/app-db';

// What a backup file holds, in its encrypted JSON segment (backup-crypto.ts). Rows are kept as
// the phone stores them, sync bookkeeping included, so a restore can tell what the server has.

export const BACKUP_FORMAT = 1;

export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  owner: { userId: string; username: string; displayName: string };
  createdAt: string;
  activities: LocalActivity[];
  /** In the order they were queued (pushes go out in this order). */
  outbox: OutboxEntry[];
  formDrafts: FormDraft[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decrypted document has the shape this version writes (else the file is not usable). */
export function isBackupDocument(value: unknown): value is BackupDocument {
  if (!isObject(value) || value.format !== BACKUP_FORMAT || !isObject(value.owner)) return false;
  const { activities, outbox, formDrafts } = value;
  return (
    typeof value.owner.userId === 'string' &&
    Array.isArray(activities) &&
    activities.every((a) => isObject(a) && typeof a.id === 'string' && isObject(a.localMeta)) &&
    Array.isArray(outbox) &&
    outbox.every(
      (e) => isObject(e) && typeof e.mutationId === 'string' && typeof e.recordId === 'string',
    ) &&
    Array.isArray(formDrafts) &&
    formDrafts.every((d) => isObject(d) && typeof d.activityId === 'string')
  );
}
