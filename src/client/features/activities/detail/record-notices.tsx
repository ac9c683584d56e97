import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../../lib/http/use-problem-text';
import { useSyncNotices } from '../../sync/hooks/use-sync-notices';

/** What the server said about this record: why it was refused, or which fields were merged. */
export function RecordNotices({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
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
            {n.kind === 'mapped' ? (
              <p>
                {t('sync.mapped', {
                  title: n.recordTitle || t('sync.untitled'),
                  from: n.mapped?.fromName ?? '',
                  to: n.mapped?.toName ?? '',
                })}
              </p>
            ) : n.kind === 'rejected' ? (
              <>
                <p>{problemText(n.reasonCode, n.reasonParams, n.reason ?? '')}</p>
                {(n.errors ?? []).map((e) => (
                  <p key={`${e.path}:${e.code}`}>
                    {e.path}: {t(e.code, { defaultValue: e.message })}
                  </p>
                ))}
              </>
            ) : (
              (n.conflicts ?? []).map((c) => (
                <p key={c.path}>
                  {c.path}: {c.overwrittenBy} ({String(JSON.stringify(c.overwrittenValue) ?? '—')})
                </p>
              ))
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
