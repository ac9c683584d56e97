import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import { formatNumber, todayInVietnam } from '../../../../shared/format/vi-format';
import { navigate, type Route } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { InputField } from '../../../components/form/input-field';
import { ValueSelectField } from '../../../components/form/value-select-field';
import { useActivityList } from '../hooks/use-activity-list';
import { useGeographyCatalog } from '../hooks/use-commune-name';
import { useUnitFilter } from '../hooks/use-unit-filter';
import { useSession } from '../../auth/session-context';
import { ActivityListRow } from './activity-list-row';

const PAGE = 50;
const SEARCH_DELAY_MS = 250;

/** The last 24 months, newest first, as 'YYYY-MM' (the month filter's choices). */
function recentMonths(): string[] {
  const [y, m] = todayInVietnam().split('-').map(Number) as [number, number];
  return Array.from({ length: 24 }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

export function ActivityListScreen({ route }: { route: Extract<Route, { name: 'list' }> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search, setSearch] = useState(route.q ?? '');
  const [limit, setLimit] = useState(PAGE);
  const { user } = useSession();
  const catalog = useGeographyCatalog();
  const filter = useUnitFilter(catalog, user, route.geo, route.unit);
  const { rows, total } = useActivityList({
    type: route.type,
    month: route.month,
    query: route.q,
    places: route.unit ? (filter ? filter.places : null) : undefined,
    limit,
  });
  const months = recentMonths();
  if (route.month && !months.includes(route.month)) months.push(route.month);

  const update = (patch: Partial<Extract<Route, { name: 'list' }>>) => {
    setLimit(PAGE);
    navigate({ ...route, ...patch }, { replace: true });
  };

  // Search as the officer types, without a query per keystroke.
  const routeRef = useRef(route);
  routeRef.current = route;
  useEffect(() => {
    if (search === (routeRef.current.q ?? '')) return;
    const timer = setTimeout(() => {
      setLimit(PAGE);
      navigate({ ...routeRef.current, q: search.trim() || undefined }, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // Load the next page when the end of the list scrolls into view (button as a fallback).
  const sentinel = useRef<HTMLDivElement>(null);
  const more = rows !== undefined && total !== undefined && rows.length < total;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !more || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [more]);

  return (
    <div className="stack">
      <h1>{t('activityList.title')}</h1>
      <div className="filters card" role="search">
        <InputField
          id="list-search"
          type="search"
          label={t('activityList.search')}
          placeholder={t('activityList.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
        <div className="grid-2">
          <ValueSelectField
            id="list-type"
            label={t('activityList.type')}
            emptyLabel={t('activityList.allTypes')}
            options={ACTIVITY_TYPES.map((type) => ({
              value: type,
              label: t(`activityType.${type}`),
            }))}
            value={route.type ?? ''}
            onChange={(type) => update({ type: type || undefined })}
          />
          <ValueSelectField
            id="list-month"
            label={t('activityList.month')}
            emptyLabel={t('activityList.allMonths')}
            options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            value={route.month ?? ''}
            onChange={(month) => update({ month: month || undefined })}
          />
        </div>
        {filter && (
          <div className="grid-2">
            <ValueSelectField
              id="list-geography"
              label={t('activityList.geography')}
              options={filter.geographies}
              value={filter.geographyId}
              onChange={(geo) => update({ geo: geo || undefined, unit: undefined })}
            />
            <ValueSelectField
              id="list-unit"
              label={t('accounts.unit')}
              emptyLabel={t('accounts.chooseUnit')}
              options={filter.units}
              value={filter.places ? (route.unit ?? '') : ''}
              onChange={(unit) => update({ unit: unit || undefined })}
            />
          </div>
        )}
        {(route.type || route.month || route.q || route.unit) && (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              setSearch('');
              update({ type: undefined, month: undefined, q: undefined, unit: undefined });
            }}
          >
            {t('activityList.clearFilters')}
          </button>
        )}
      </div>

      {rows === undefined ? (
        <p className="notice">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="notice">{t('activityList.empty')}</p>
      ) : (
        <>
          {/* Only with the real total: "50 / 50" while it is counted would be a wrong figure. */}
          <p className="hint" role="status">
            {total !== undefined &&
              t('activityList.showing', {
                shown: `${formatNumber(rows.length, locale)} / ${formatNumber(Math.max(total, rows.length), locale)}`,
              })}
          </p>
          <ul className="activity-list" aria-label={t('activityList.title')}>
            {rows.map((a) => (
              <ActivityListRow key={a.id} activity={a} locale={locale} catalog={catalog} />
            ))}
          </ul>
          {more && (
            <div ref={sentinel}>
              <button type="button" className="btn" onClick={() => setLimit((l) => l + PAGE)}>
                {t('activityList.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
