import '../reports.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportsCatalogue } from '../hooks/use-reports-catalogue';
import { InputField } from '../../../components/form/input-field';
import { ValueDateField } from '../../../components/form/value-date-field';
import { ValueSelectField } from '../../../components/form/value-select-field';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
import { formatNumber } from '../../../../shared/format/vi-format';
import type {
  RecordAuthors,
  RecordSummary,
  RecordsTotal,
} from '../../../../shared/records/records-api';
import { useErrorText } from '../../../lib/http/use-error-text';
import { navigate, type RecordsParams } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useSession } from '../../auth/session-context';
import { fetchRecordAuthors, fetchRecords } from '../http/reports-http';
import { useReportCatalog } from '../hooks/use-report-catalog';
import { unitOptions } from '../model/unit-options';
import { RecordCards, RecordsTable } from '../components/records-table';
import { useMediaQuery } from '../../../lib/use-media-query';
import { openRangeErrors, type AdHocErrors } from '../model/period-choice';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

const WIDE = '(min-width: 900px)';

/**
 * Tra cứu hoạt động: the records of the user's area on the server (district and province
 * accounts never hold them on the phone), filtered, newest first, a page at a time.
 */
export function RecordsScreen({ params }: { params: RecordsParams }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const api = useAuthorizedApi();
  const locale = useLocale();
  const errorText = useErrorText();
  const catalog = useReportCatalog();
  // A desktop window reads the page as a table; a phone keeps the cards.
  const wide = useMediaQuery(WIDE);
  const [items, setItems] = useState<RecordSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<RecordsTotal | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState(params.q ?? '');
  const [from, setFrom] = useState(params.from ?? '');
  const [to, setTo] = useState(params.to ?? '');
  const [dateErrors, setDateErrors] = useState<AdHocErrors>({});
  const { formRef, revealFirstError } = useRevealFirstError();
  const key = JSON.stringify(params);
  const [authors, setAuthors] = useState<RecordAuthors['authors']>([]);
  const authorsKey = JSON.stringify([
    params.unit,
    params.geography,
    params.form,
    params.from,
    params.to,
  ]);

  async function load(cursor?: string) {
    setLoading(true);
    try {
      const page = await fetchRecords(api, { ...params, cursor });
      setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
      setNext(page.nextCursor);
      // Counted on the first page only (up to a cap); later pages keep it.
      if (!cursor) setTotal(page.total);
      setError(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    setQ(params.q ?? '');
    setFrom(params.from ?? '');
    setTo(params.to ?? '');
    setDateErrors({});
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  // The people who recorded in the chosen unit, form and dates (the author picker's choices).
  useEffect(() => {
    let live = true;
    fetchRecordAuthors(api, params).then(
      (answer) => live && setAuthors(answer.authors),
      () => live && setAuthors([]),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, authorsKey]);

  const go = (change: Partial<RecordsParams>) =>
    navigate({ name: 'records', ...params, ...change });
  const geographyId = params.geography ?? user.geographyId;
  const units = catalog ? unitOptions(catalog, geographyId, user) : [];

  return (
    <div className="stack">
      <h1>{t('reports.browser.title')}</h1>
      <form
        ref={formRef}
        className={wide ? 'records-filters records-filters--row' : 'records-filters'}
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Dates are typed dd/MM/yyyy; the URL (and the API) keep them ISO.
          const errors = openRangeErrors(from, to);
          setDateErrors(errors);
          if (errors.from || errors.to) {
            revealFirstError();
            return;
          }
          go({ q: q.trim() || undefined, from: from || undefined, to: to || undefined });
        }}
      >
        <InputField type="search" label={t('reports.browser.search')} value={q} onChange={setQ} />
        <ValueSelectField
          label={t('reports.unit')}
          value={params.unit ?? ''}
          emptyLabel={units[0]?.name ?? ''}
          options={units.slice(1).map((u) => ({
            value: u.code,
            label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`,
          }))}
          onChange={(unit) => go({ unit: unit || undefined, geography: geographyId })}
        />
        <ValueSelectField
          label={t('reports.form')}
          value={params.form ?? ''}
          emptyLabel={t('reports.browser.allForms')}
          options={ACTIVITY_TYPES.map((f) => ({ value: f, label: t(`activityType.${f}`) }))}
          onChange={(form) => go({ form: (form || undefined) as ActivityType | undefined })}
        />
        <ValueSelectField
          label={t('reports.browser.author')}
          value={params.author ?? ''}
          emptyLabel={t('reports.browser.allAuthors')}
          options={[
            ...authors.map((a) => ({
              value: a.authorId,
              label: t('reports.browser.authorOption', {
                name: a.authorName || a.authorId,
                n: formatNumber(a.count, locale),
              }),
            })),
            // An author from the URL with nothing under the other filters stays choosable.
            ...(params.author && !authors.some((a) => a.authorId === params.author)
              ? [{ value: params.author, label: items[0]?.authorName ?? params.author }]
              : []),
          ]}
          onChange={(author) => go({ author: author || undefined })}
        />
        <ValueDateField
          label={t('reports.from')}
          value={from}
          error={dateErrors.from}
          onChange={setFrom}
        />
        <ValueDateField label={t('reports.to')} value={to} error={dateErrors.to} onChange={setTo} />
        <button type="submit" className="btn btn--primary">
          {t('reports.browser.apply')}
        </button>
      </form>
      {error !== null && (
        <p role="alert" className="notice notice--error">
          {errorText(error)}
        </p>
      )}
      {!loading && error === null && items.length === 0 && (
        <p className="notice">{t('reports.browser.none')}</p>
      )}
      {error === null && items.length > 0 && total !== null && (
        <p className="records-count" aria-live="polite">
          {t(total.more ? 'reports.browser.countMore' : 'reports.browser.count', {
            n: formatNumber(total.count, locale),
          })}
        </p>
      )}
      {wide ? <RecordsTable items={items} /> : <RecordCards items={items} />}
      {loading && <p className="notice">{t('app.loading')}</p>}
      {next && !loading && (
        <button type="button" className="btn" onClick={() => void load(next)}>
          {t('reports.browser.more')}
        </button>
      )}
    </div>
  );
}
