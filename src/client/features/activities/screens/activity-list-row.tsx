import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { activityTitle, hasAttendance } from '../../../../shared/activity/activity-factory';
import { formatIsoDate, formatNumber, type AppLocale } from '../../../../shared/format/vi-format';
import { hrefFor } from '../../../lib/router';
import type { LocalActivity } from '../../../db/app-db';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { PhotoListThumb } from '../../photos/components/photo-list-thumb';
import { communeText } from '../hooks/use-commune-name';

export const ActivityListRow = memo(function ActivityListRow({
  activity,
  locale,
  catalog,
}: {
  activity: LocalActivity;
  locale: AppLocale;
  catalog: GeographyCatalog | undefined;
}) {
  const { t } = useTranslation();
  const pending = activity.localMeta.pendingMutations > 0;
  return (
    <li className="activity-row">
      <a href={hrefFor({ name: 'detail', id: activity.id })} className="activity-row__link">
        <PhotoListThumb activityId={activity.id} photos={activity.photos} />
        <span className="activity-row__title">{activityTitle(activity) || t('home.untitled')}</span>
        <span className="activity-row__meta">
          <span>{formatIsoDate(activity.date)}</span>
          <span>{t(`activityType.${activity.type}`)}</span>
          <span data-testid="activity-row-commune">{communeText(catalog, activity, t)}</span>
          {hasAttendance(activity.type) && activity.participants.total > 0 && (
            <span>
              {t('activityList.participants', {
                n: formatNumber(activity.participants.total, locale),
              })}
            </span>
          )}
          {activity.status === 'draft' && <span className="badge">{t('status.draft')}</span>}
          <span className={pending ? 'badge badge--warn' : 'badge badge--ok'}>
            {pending ? t('activityList.unsynced') : t('activityList.synced')}
          </span>
        </span>
      </a>
    </li>
  );
});
