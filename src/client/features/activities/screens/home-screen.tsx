import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import { formatNumber, todayInVietnam } from '../../../../shared/format/vi-format';
import { hrefFor } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { SyncStatus } from '../../sync/components/sync-status';
import { useMonthSummary } from '../hooks/use-home-data';
import { DraftList } from './draft-list';

export function HomeScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const month = todayInVietnam().slice(0, 7);
  const summary = useMonthSummary(month);
  const total = summary ? ACTIVITY_TYPES.reduce((sum, type) => sum + summary[type], 0) : undefined;
  const [year, mm] = month.split('-');

  return (
    <div className="stack">
      <h1 className="visually-hidden">{t('home.title')}</h1>
      {/* Network, unsynced count, progress, last sync, "Đồng bộ" and refusals. */}
      <SyncStatus />

      <section aria-labelledby="add-heading" className="card">
        <h2 id="add-heading">{t('home.addActivity')}</h2>
        <p className="hint">{t('home.chooseType')}</p>
        <ul className="type-grid">
          {ACTIVITY_TYPES.map((type) => (
            <li key={type}>
              <a className="btn btn--tile" href={hrefFor({ name: 'new', type })}>
                {t(`activityType.${type}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <DraftList />

      <section aria-labelledby="month-heading" className="card">
        <h2 id="month-heading">{t('home.thisMonth', { month: `${mm}/${year}` })}</h2>
        {summary && (
          <>
            <ul className="summary">
              {ACTIVITY_TYPES.map((type) => (
                <li key={type}>
                  <a href={hrefFor({ name: 'list', type, month })} className="summary__row">
                    <span>{t(`activityType.${type}`)}</span>
                    <strong data-testid={`month-count-${type}`}>
                      {formatNumber(summary[type], locale)}
                    </strong>
                  </a>
                </li>
              ))}
            </ul>
            <p>{t('home.totalThisMonth', { count: total ?? 0 })}</p>
          </>
        )}
        <a className="btn" href={hrefFor({ name: 'list' })}>
          {t('home.viewAll')}
        </a>
      </section>
    </div>
  );
}
