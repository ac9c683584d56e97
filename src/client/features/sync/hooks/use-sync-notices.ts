import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabelOf, replacedValues } from '../../../../shared/activity/activity-diff';
import { activityOf } from '../../../db/activity-search';
import { useLocale } from '../../../lib/use-locale';
import { useAppDb } from '../../../db/app-db-context';
import { withReopen, type SyncNotice } from '../../../db/app-db';
import { countUnsynced } from '../../../db/unsynced-count';
import { dismissSyncNotice, listSyncNotices } from '../store/sync-notice-store';

export function useSyncNotices(): {
  notices: SyncNotice[];
  dismiss: (id: string) => Promise<void>;
} {
  const db = useAppDb();
  const notices = useLiveQuery(() => listSyncNotices(db), [db]) ?? [];
  const dismiss = useCallback((id: string) => dismissSyncNotice(db, id), [db]);
  return { notices, dismiss };
}

/** Straight from the database, so it is right even before the engine reports. */
export function useUnsyncedTotal(): number | undefined {
  const db = useAppDb();
  return useLiveQuery(() => countUnsynced(db), [db]);
}

/** Unsynced data older than this is at risk (a lost phone, the browser's eviction): say so. */
export const STALE_UNSYNCED_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * When the oldest change still waiting for the server was made, if that is more than 3 days
 * ago; null otherwise (and while reading).
 */
export function useStaleUnsyncedSince(now: () => number = Date.now): string | null {
  const db = useAppDb();
  return (
    useLiveQuery(async () => {
      const oldest = await withReopen(db, () => db.outbox.orderBy('seq').first());
      if (!oldest) return null;
      const at = Date.parse(oldest.clientTime);
      return Number.isFinite(at) && now() - at > STALE_UNSYNCED_MS ? oldest.clientTime : null;
    }, [db]) ?? null
  );
}

export interface NoticeFields {
  /** What another device's write replaced: the form's label, the value as shown, by whom. */
  conflicts: { key: string; label: string; value: string; by: string }[];
  /** Why the server refused a field: the form's label and the message. */
  errors: { key: string; label: string; message: string }[];
}

/**
 * The fields a notice is about in the words of the form (labels, 1.500, dd/MM/yyyy), never the
 * record's paths or JSON; merged values are compared with the record as the phone has it now.
 */
export function useNoticeFields(notice: SyncNotice): NoticeFields {
  const db = useAppDb();
  const { t } = useTranslation();
  const locale = useLocale();
  const row = useLiveQuery(
    () => (notice.recordId ? withReopen(db, () => db.activities.get(notice.recordId)) : undefined),
    [db, notice.recordId],
  );
  const record = row ? (activityOf(row) as unknown as Record<string, unknown>) : undefined;
  const type = typeof record?.type === 'string' ? record.type : undefined;
  const ctx = {
    t: (key: string, values?: Record<string, string | number>) => t(key, values),
    locale,
  };
  return {
    conflicts: (notice.conflicts ?? []).flatMap((c) =>
      replacedValues(c.path, c.overwrittenValue, record, ctx).map((line) => ({
        key: `${c.path}:${line.label}`,
        label: line.label,
        value: line.value || '—',
        by: c.overwrittenBy,
      })),
    ),
    errors: (notice.errors ?? []).map((e) => ({
      key: `${e.path}:${e.code}`,
      label: e.path ? fieldLabelOf(type, e.path, ctx.t) : '',
      message: t(e.code, { defaultValue: e.message }),
    })),
  };
}
