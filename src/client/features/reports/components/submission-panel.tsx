import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, formatIsoDateTime } from '../../../../shared/format/vi-format';
import type { SubmissionStatusRow } from '../../../../shared/reports/report-submission';
import type { PeriodBasis } from '../../../../shared/reports/report-periods';
import type { SubmittedPeriod } from '../../../../shared/reports/province-settings';
import { InputField } from '../../../components/form/input-field';
import { useErrorText } from '../../../lib/http/use-error-text';
import { useRemote } from '../../../lib/use-remote';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { fetchSubmissionStatus, reopenReport, submitReport } from '../http/reports-http';

interface Props {
  unit: string;
  unitName: string;
  geography: string;
  period: SubmittedPeriod;
  year: number;
  basis: PeriodBasis;
  /** The period as the officer reads it ("01/01/2026 – 30/06/2026"). */
  periodText: string;
}

/**
 * Nộp báo cáo / Mở lại for the unit's own officers, the unit's submission state, and who of its
 * child units has submitted (due date, submitted at, days late). Online: the server decides.
 */
export function SubmissionPanel(props: Props) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const { unit, geography, period, year } = props;
  const params = { unit, geography, period, year };
  const status = useRemote(
    () => fetchSubmissionStatus(api, params),
    [unit, geography, period, year],
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const data = status.data;
  const names = { period: props.periodText, unit: props.unitName };

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      setReason('');
      status.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = () => {
    if (!window.confirm(t('reports.submission.confirmSubmit', names))) return;
    void act(() => submitReport(api, { ...params, basis: props.basis }));
  };
  const onReopen = () => {
    if (!window.confirm(t('reports.submission.confirmReopen', names))) return;
    void act(() => reopenReport(api, { ...params, reason: reason.trim() }));
  };

  const stateText = (row: SubmissionStatusRow) => t(`reports.submission.state_${row.state}`);
  const submission = data?.submission;
  return (
    <section className="card stack" aria-labelledby="submission-title" data-testid="submission">
      <h2 id="submission-title">{t('reports.submission.title')}</h2>
      {status.error !== null && status.error !== undefined && (
        <p role="alert" className="notice notice--error">
          {errorText(status.error)}
        </p>
      )}
      {data && (
        <>
          <p data-testid="submission-state">
            {submission?.state === 'submitted'
              ? t('reports.submission.submitted', {
                  at: formatIsoDateTime(submission.submittedAt),
                  by: submission.submittedBy,
                })
              : submission?.state === 'reopened'
                ? t('reports.submission.reopened', {
                    at: formatIsoDateTime(submission.reopenedAt ?? ''),
                    by: submission.reopenedBy ?? '',
                    reason: submission.reopenReason ?? '',
                  })
                : t('reports.submission.missing')}{' '}
            {data.unit.dueDate &&
              t('reports.submission.due', { date: formatIsoDate(data.unit.dueDate) })}{' '}
            {data.unit.daysLate > 0 && t('reports.submission.late', { count: data.unit.daysLate })}
          </p>
          {data.maySubmit && submission?.state !== 'submitted' && (
            <button type="button" className="btn btn--primary" disabled={busy} onClick={onSubmit}>
              {t('reports.submission.submit')}
            </button>
          )}
          {data.maySubmit && submission?.state === 'submitted' && (
            <div className="stack">
              <InputField
                label={t('reports.submission.reason')}
                hint={t('reports.submission.reasonHint')}
                value={reason}
                maxLength={500}
                onChange={setReason}
              />
              <button
                type="button"
                className="btn"
                disabled={busy || reason.trim().length < 5}
                onClick={onReopen}
              >
                {t('reports.submission.reopen')}
              </button>
            </div>
          )}
          {failure !== null && (
            <p role="alert" className="notice notice--error">
              {errorText(failure)}
            </p>
          )}
          {data.children.length > 0 && (
            <div
              className="report-table__scroll"
              tabIndex={0}
              role="region"
              aria-label={t('reports.submission.statusTitle')}
            >
              <table className="report-table">
                <caption>{t('reports.submission.statusTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.submission.unit')}</th>
                    <th scope="col">{t('reports.submission.dueDate')}</th>
                    <th scope="col">{t('reports.submission.stateColumn')}</th>
                    <th scope="col">{t('reports.submission.submittedAt')}</th>
                    <th scope="col">{t('reports.submission.daysLate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.children.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">{row.name}</th>
                      <td>
                        {row.dueDate ? formatIsoDate(row.dueDate) : t('reports.submission.noDue')}
                      </td>
                      <td>{stateText(row)}</td>
                      <td>{row.submittedAt ? formatIsoDateTime(row.submittedAt) : ''}</td>
                      <td>{row.daysLate > 0 ? row.daysLate : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
