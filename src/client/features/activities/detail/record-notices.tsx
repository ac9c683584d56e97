import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../../lib/http/use-problem-text';
import type { SyncNotice } from '../../../db/app-db';
import { useNoticeFields, useSyncNotices } from '../../sync/hooks/use-sync-notices';

/** What the server said about this record: why it was refused, or which fields were merged. */
export function RecordNotices({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const { notices } = useSyncNotices();
  const mine = notices.filter((n) => n.recordId === recordId);
  if (mine.length === 0) return null;
  return (
    <section className="card" aria-labelledby="detail-notices">
      <h2 id="detail-notices">{t('activityDetail.notices')}</h2>
      <ul>
        {mine.map((n) => (
          <li
            key={n.id}
            className={n.kind === 'rejected' ? 'notice notice--error' : 'notice notice--warn'}
          >
            <NoticeBody notice={n} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoticeBody({ notice }: { notice: SyncNotice }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const fields = useNoticeFields(notice);
  if (notice.kind === 'mapped') {
    return (
      <p>
        {t('sync.mapped', {
          title: notice.recordTitle || t('sync.untitled'),
          from: notice.mapped?.fromName ?? '',
          to: notice.mapped?.toName ?? '',
        })}
      </p>
    );
  }
  if (notice.kind === 'rejected') {
    return (
      <>
        <p>{problemText(notice.reasonCode, notice.reasonParams, notice.reason ?? '')}</p>
        {fields.errors.map((e) => (
          <p key={e.key}>{e.label ? `${e.label}: ${e.message}` : e.message}</p>
        ))}
      </>
    );
  }
  return (
    <>
      {fields.conflicts.map((c) => (
        <p key={c.key}>
          {t('activityDetail.conflictLine', { field: c.label, by: c.by, value: c.value })}
        </p>
      ))}
    </>
  );
}
