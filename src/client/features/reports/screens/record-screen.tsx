import '../reports.css';
import { useTranslation } from 'react-i18next';
import { useReportsCatalogue } from '../hooks/use-reports-catalogue';
import {
  formatIsoDate,
  formatIsoDateTime,
  formatNumber,
} from '../../../../shared/format/vi-format';
import { useErrorText } from '../../../lib/http/use-error-text';
import { useLocale } from '../../../lib/use-locale';
import { useRemote } from '../../../lib/use-remote';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { fetchHistory, fetchRecord } from '../http/reports-http';

/** The fields whose value differs between two stored versions (what a change changed). */
function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
}

/** One record as the server holds it, and its history (the records browser's detail). */
export function RecordScreen({ id }: { id: string }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const locale = useLocale();
  const errorText = useErrorText();
  const record = useRemote(
    () => Promise.all([fetchRecord(api, id), fetchHistory(api, id)]),
    [api, id],
  );

  const back = (
    <button type="button" className="btn btn--ghost" onClick={() => history.back()}>
      {t('reports.browser.back')}
    </button>
  );
  if (record.error) {
    return (
      <div className="stack">
        {back}
        <p role="alert" className="notice notice--error">
          {errorText(record.error)}
        </p>
      </div>
    );
  }
  if (!record.data) return <p className="notice">{t('app.loading')}</p>;
  const [{ summary }, { versions }] = record.data;
  const rows: [string, string][] = [
    [t('reports.form'), t(`activityType.${summary.form}`)],
    [
      t('reports.browser.status'),
      summary.status === 'draft' ? t('reports.browser.draft') : t('reports.browser.completeStatus'),
    ],
    [t('reports.unit'), summary.communeName],
    [t('reports.browser.place'), summary.place],
    [t('reports.browser.organiser'), summary.organiser],
    [t('report.measure.participants_total'), formatNumber(summary.participants, locale)],
    [t('reports.browser.recordedBy'), summary.authorName],
    [t('reports.browser.updated'), formatIsoDateTime(summary.updatedAt)],
  ];
  return (
    <div className="stack">
      {back}
      <h1>{summary.title}</h1>
      <p>{formatIsoDate(summary.date)}</p>
      <dl className="dl" aria-label={t('reports.browser.detail')}>
        {rows.map(([label, value]) => (
          <div key={label} className="dl__row">
            <dt>{label}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <section aria-label={t('reports.browser.history')}>
        <h2>{t('reports.browser.history')}</h2>
        <ol className="record-history">
          {versions.map((v, i) => (
            <li key={v.rev}>
              <strong>{formatIsoDateTime(v.updatedAt)}</strong>{' '}
              {v.op === 'delete' ? '✕' : changedFields(versions[i - 1]?.data, v.data).join(', ')}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
