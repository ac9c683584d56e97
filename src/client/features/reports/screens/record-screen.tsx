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
import { RecordHistory } from '../components/record-history';
import { RecordContent } from '../components/record-content';
import { useReportCatalog } from '../hooks/use-report-catalog';
import { useRecordCommune } from '../hooks/use-record-commune';

/** One record as the server holds it, and its history (the records browser's detail). */
export function RecordScreen({ id }: { id: string }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const locale = useLocale();
  const errorText = useErrorText();
  const catalog = useReportCatalog();
  const commune = useRecordCommune();
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
  const [{ summary, data }, { versions, earlierHidden }] = record.data;
  const rows: [string, string][] = [
    [t('reports.form'), t(`activityType.${summary.form}`)],
    [
      t('reports.browser.status'),
      summary.status === 'draft' ? t('reports.browser.draft') : t('reports.browser.completeStatus'),
    ],
    [t('reports.unit'), commune(summary)],
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
      <RecordContent data={data} catalog={catalog} />
      <section aria-label={t('reports.browser.history')}>
        <h2>{t('reports.browser.history')}</h2>
        <RecordHistory
          versions={versions}
          catalog={catalog}
          movedIn={earlierHidden !== undefined}
        />
      </section>
    </div>
  );
}
