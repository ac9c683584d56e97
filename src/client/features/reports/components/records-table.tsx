import { useTranslation } from 'react-i18next';
import { formatIsoDate, formatNumber } from '../../../../shared/format/vi-format';
import type { RecordSummary } from '../../../../shared/records/records-api';
import { hrefFor } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { useRecordCommune } from '../hooks/use-record-commune';

// The records browser's page of records, two ways: a table on a desktop window (a column per
// fact, read across), cards on a phone. Same items, same order; each title opens the record.

export function RecordsTable({ items }: { items: readonly RecordSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useRecordCommune();
  const columns = [
    t('reports.browser.date'),
    t('reports.unit'),
    t('reports.form'),
    t('reports.browser.activity'),
    t('reports.browser.author'),
    t('reports.browser.status'),
    t('reports.browser.participantsColumn'),
  ];
  return (
    <div className="records-table__wrap">
      <table className="records-table" aria-label={t('reports.browser.title')}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td className="records-table__date">{formatIsoDate(r.date)}</td>
              <td>{commune(r)}</td>
              <td>{t(`activityType.${r.form}`)}</td>
              <th scope="row" className="records-table__title">
                <a href={hrefFor({ name: 'record', id: r.id })}>{r.title}</a>
              </th>
              <td>{r.authorName}</td>
              <td>
                {r.status === 'draft' ? (
                  <span className="pill pill--warn">{t('reports.browser.draft')}</span>
                ) : (
                  t('reports.browser.completeStatus')
                )}
              </td>
              <td className="records-table__number">{formatNumber(r.participants, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecordCards({ items }: { items: readonly RecordSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useRecordCommune();
  return (
    <ul className="activity-list" aria-label={t('reports.browser.title')}>
      {items.map((r) => (
        <li key={r.id} className="activity-row">
          <a className="activity-row__link" href={hrefFor({ name: 'record', id: r.id })}>
            <span className="activity-row__title">{r.title}</span>
            <span className="activity-row__meta">
              <span>{formatIsoDate(r.date)}</span>
              <span>{t(`activityType.${r.form}`)}</span>
              <span>{commune(r)}</span>
              <span>
                {t('reports.browser.participants', { n: formatNumber(r.participants, locale) })}
              </span>
              {r.status === 'draft' && (
                <span className="pill pill--warn">{t('reports.browser.draft')}</span>
              )}
              <span>{r.authorName}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
