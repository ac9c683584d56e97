import { useTranslation } from 'react-i18next';
import type { LocalActivity } from '../../../db/app-db';

/** Whether the server has this record yet (the officer's proof that it is safe). */
export function SyncStateView({ activity }: { activity: LocalActivity }) {
  const { t } = useTranslation();
  const { pendingMutations, serverRev } = activity.localMeta;
  const text =
    pendingMutations > 0
      ? t('activityDetail.pending', { count: pendingMutations })
      : serverRev !== null
        ? // The server's revision number is internal: the officer needs only "it is safe".
          t('activityDetail.synced')
        : t('activityDetail.neverSynced');
  return (
    <section className="card" aria-labelledby="detail-sync">
      <h2 id="detail-sync">{t('activityDetail.syncState')}</h2>
      <p
        className={pendingMutations > 0 ? 'badge badge--warn' : 'badge badge--ok'}
        data-testid="sync-state"
      >
        {text}
      </p>
    </section>
  );
}
