import { useTranslation } from 'react-i18next';
import {
  formatIsoDateTime,
  formatIsoTime,
  formatNumber,
} from '../../../../shared/format/vi-format';
import type { SyncNotice } from '../../../db/app-db';
import { useSessionControls } from '../../auth/hooks/session-controls-context';
import { useSyncEngine } from '../hooks/sync-engine-context';
import { useLocale } from '../../../lib/use-locale';
import { useOnline } from '../../../lib/use-online';
import {
  useNoticeFields,
  useStaleUnsyncedSince,
  useSyncNotices,
  useUnsyncedTotal,
} from '../hooks/use-sync-notices';
import { useSyncState } from '../hooks/use-sync-state';
import { useProblemText } from '../../../lib/http/use-problem-text';

const TOUCH = { minHeight: 48, minWidth: 48 } as const;

/**
 * Compact sync bar for the header or home screen: network, unsynced count, progress, last
 * successful sync, the "Đồng bộ" button, and what the server refused (which record, why).
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const locale = useLocale();
  const engine = useSyncEngine();
  const state = useSyncState();
  const online = useOnline();
  const unsynced = useUnsyncedTotal() ?? state.unsyncedCount;
  const staleSince = useStaleUnsyncedSince();
  const controls = useSessionControls();
  const busy = state.phase === 'pushing' || state.phase === 'pulling';
  const expired = state.phase === 'session-expired' || controls?.expired === true;

  return (
    <section className="card sync-status" aria-label={t('sync.title')} data-testid="sync-status">
      {/* The app bar says whether there is a network; the card says what that means for sync,
          once: offline, no server error and no "all synced" (the phone cannot know). */}
      {!online && (
        <p className="pill pill--warn" data-testid="sync-offline">
          {t('sync.offline')}
        </p>
      )}
      <p data-testid="sync-unsynced">
        {unsynced > 0
          ? t('sync.unsynced', { count: unsynced })
          : // Nothing is "all synced" before the first complete pull: the phone may hold nothing
            // yet; nor while the server cannot be asked.
            state.lastSyncedAt && online && !state.lastError && !state.needsAppUpdate
            ? t('sync.allSynced')
            : ''}
      </p>
      {state.needsAppUpdate && (
        <p className="notice notice--warn" role="alert" data-testid="sync-needs-update">
          {t('sync.needsAppUpdate')}
        </p>
      )}
      {staleSince && (
        <p className="notice notice--warn" role="alert" data-testid="sync-stale">
          {t('sync.staleUnsynced', { date: formatIsoDateTime(staleSince).slice(0, 10) })}
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="sync-progress">
        {state.photoUpload
          ? t('sync.uploadingPhotos', {
              index: state.photoUpload.index,
              total: state.photoUpload.total,
              percent: state.photoUpload.percent,
            })
          : state.phase === 'pushing' && state.progress
            ? t('sync.pushing', state.progress)
            : state.phase === 'pulling'
              ? state.pullTotal !== null && state.pullTotal > 0
                ? t('sync.pullingOf', {
                    done: formatNumber(state.pulled, locale),
                    total: formatNumber(state.pullTotal, locale),
                  })
                : state.pulled > 0
                  ? t('sync.pulling', { count: state.pulled })
                  : t('sync.pullingStart')
              : busy
                ? t('sync.syncing')
                : ''}
      </p>
      {state.waitingForPhotos > 0 && (
        <p className="pill pill--warn" data-testid="sync-waiting-photos">
          {t('sync.waitingPhotos', { count: state.waitingForPhotos })}
        </p>
      )}
      <p className="hint" data-testid="sync-last">
        {state.lastSyncedAt
          ? t('sync.lastSynced', { time: formatIsoDateTime(state.lastSyncedAt) })
          : t('sync.neverSynced')}
      </p>
      {state.lastError?.busy && state.nextRetryAt && online && !expired ? (
        <p className="hint" role="status" data-testid="sync-busy">
          {t('sync.serverBusy', { time: formatIsoTime(state.nextRetryAt) })}
        </p>
      ) : (
        // A running retry says only that it runs ("Đang tải ảnh…", "Đang đồng bộ…"): the last
        // attempt's failure beside it would contradict it; it is said again if this one fails.
        state.lastError &&
        online &&
        !busy &&
        !expired && (
          <p role="alert" data-testid="sync-error">
            {t(state.lastError.messageKey)}
            {state.nextRetryAt &&
              ` ${t('sync.retryAt', { time: formatIsoDateTime(state.nextRetryAt).slice(11) })}`}
          </p>
        )
      )}
      {expired ? (
        <div role="alert">
          <p>{t('auth.sessionExpired')}</p>
          {controls && (
            <button
              type="button"
              className="btn btn--primary"
              style={TOUCH}
              onClick={controls.requestLogin}
            >
              {t('auth.loginAgain')}
            </button>
          )}
        </div>
      ) : (
        engine && (
          <button
            type="button"
            className="btn btn--primary"
            style={TOUCH}
            disabled={busy}
            aria-busy={busy}
            onClick={() => void engine.syncNow()}
          >
            {busy ? t('sync.syncing') : t('sync.syncNow')}
          </button>
        )
      )}
      <SyncNotices />
    </section>
  );
}

function SyncNotices() {
  const { t } = useTranslation();
  const { notices, dismiss } = useSyncNotices();
  if (notices.length === 0) return null;
  return (
    <ul className="sync-notices" data-testid="sync-notices">
      {notices.map((notice) => (
        <li key={notice.id} className="card" data-testid={`sync-notice-${notice.kind}`}>
          <NoticeText notice={notice} />
          <p>
            {notice.recordId && (
              <a
                className="btn"
                style={TOUCH}
                href={
                  notice.kind === 'mapped'
                    ? `#/activities/${encodeURIComponent(notice.recordId)}`
                    : `#/activities/${encodeURIComponent(notice.recordId)}/edit`
                }
              >
                {notice.kind === 'mapped' ? t('activityDetail.title') : t('sync.fixRecord')}
              </a>
            )}
            {notice.kind !== 'rejected' && (
              <button
                type="button"
                className="btn"
                style={TOUCH}
                onClick={() => void dismiss(notice.id)}
              >
                {t('sync.dismiss')}
              </button>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

function NoticeText({ notice }: { notice: SyncNotice }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const fields = useNoticeFields(notice);
  const title = notice.recordTitle || t('sync.untitled');
  if (notice.kind === 'rejected') {
    return (
      <>
        <strong>{t('sync.refusedTitle')}</strong>
        <p>
          {t('sync.refused', {
            title,
            reason: problemText(notice.reasonCode, notice.reasonParams, notice.reason ?? ''),
          })}
        </p>
        {fields.errors.length > 0 && (
          <ul>
            {fields.errors.map((e) => (
              <li key={e.key}>{e.label ? `${e.label}: ${e.message}` : e.message}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  if (notice.kind === 'mapped') {
    return (
      <>
        <strong>{t('sync.mappedTitle')}</strong>
        <p>
          {t('sync.mapped', {
            title,
            from: notice.mapped?.fromName ?? '',
            to: notice.mapped?.toName ?? '',
          })}
        </p>
      </>
    );
  }
  if (notice.kind === 'moved') {
    return (
      <>
        <strong>{t('sync.movedTitle')}</strong>
        <p>
          {t('sync.moved', { from: notice.moved?.fromName ?? '', to: notice.moved?.toName ?? '' })}
        </p>
      </>
    );
  }
  const by = notice.conflicts?.[0]?.overwrittenBy ?? '';
  return (
    <>
      <strong>{t('sync.conflictTitle')}</strong>
      <p>{t('sync.conflict', { title, by })}</p>
      <ul>
        {fields.conflicts.map((c) => (
          <li key={c.key}>
            {t('sync.conflictField', { field: c.label, value: c.value, by: c.by })}
          </li>
        ))}
      </ul>
    </>
  );
}
