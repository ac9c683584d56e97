import type { SummaryWithTargets } from '../../../../shared/reports/report-api';
import {
  recordAuthorsSchema,
  recordDetailSchema,
  recordsPageSchema,
} from '../../../../shared/records/records-api';
import type {
  RecordAuthors,
  RecordDetail,
  RecordsPage,
} from '../../../../shared/records/records-api';
import {
  monthlyActivitiesSchema,
  type MonthlyActivities,
} from '../../../../shared/reports/monthly-activities';
import { historyResponseSchema, type HistoryResponse } from '../../../../shared/sync/sync-protocol';
import { summaryReportSchema } from '../../../../shared/reports/report-api';
import type { SubmittedPeriod } from '../../../../shared/reports/province-settings';
import type { PeriodBasis } from '../../../../shared/reports/report-periods';
import {
  reportSubmissionSchema,
  submissionStatusSchema,
  type ReportSubmission,
  type SubmissionStatus,
} from '../../../../shared/reports/report-submission';
import {
  unitTargetsSchema,
  type TargetSet,
  type UnitTargets,
} from '../../../../shared/reports/report-targets';
import {
  request,
  requestFile,
  type AuthorizedConfig,
  type Download,
} from '../../../lib/http/api-client';

// The report screens' calls: GET /api/reports/summary (JSON, CSV, XLSX) and the records browser
// (GET /api/records, /api/records/:id). The server decides the scope; these only ask.

export interface SummaryParams {
  unit?: string;
  geography?: string;
  from: string;
  to: string;
}

export interface RecordsFilter {
  unit?: string;
  geography?: string;
  form?: string;
  from?: string;
  to?: string;
  author?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export async function fetchSummary(
  api: AuthorizedConfig,
  params: SummaryParams,
): Promise<SummaryWithTargets> {
  const path = `/api/reports/summary?${query({ ...params })}`;
  return request(api, 'GET', path, api.token, undefined, summaryReportSchema);
}

export async function fetchMonthly(
  api: AuthorizedConfig,
  params: SummaryParams,
): Promise<MonthlyActivities> {
  const path = `/api/reports/monthly?${query({ ...params })}`;
  return request(api, 'GET', path, api.token, undefined, monthlyActivitiesSchema);
}

export function downloadSummary(
  api: AuthorizedConfig,
  params: SummaryParams,
  format: 'csv' | 'xlsx',
  lang: 'vi' | 'en',
): Promise<Download> {
  return requestFile(api, `/api/reports/summary?${query({ ...params, format, lang })}`, api.token);
}

export function fetchRecords(api: AuthorizedConfig, filter: RecordsFilter): Promise<RecordsPage> {
  return request(
    api,
    'GET',
    `/api/records?${query({ ...filter })}`,
    api.token,
    undefined,
    recordsPageSchema,
  );
}

/** Who recorded within the same unit, form and dates (the author picker), with counts. */
export function fetchRecordAuthors(
  api: AuthorizedConfig,
  filter: Pick<RecordsFilter, 'unit' | 'geography' | 'form' | 'from' | 'to'>,
): Promise<RecordAuthors> {
  const { unit, geography, form, from, to } = filter;
  const path = `/api/records/authors?${query({ unit, geography, form, from, to })}`;
  return request(api, 'GET', path, api.token, undefined, recordAuthorsSchema);
}

export function fetchRecord(api: AuthorizedConfig, id: string): Promise<RecordDetail> {
  const path = `/api/records/${encodeURIComponent(id)}`;
  return request(api, 'GET', path, api.token, undefined, recordDetailSchema);
}

/** A record's stored versions, oldest first (read-only: what the records browser shows). */
export function fetchHistory(api: AuthorizedConfig, id: string): Promise<HistoryResponse> {
  const path = `/api/sync/history/${encodeURIComponent(id)}`;
  return request(api, 'GET', path, api.token, undefined, historyResponseSchema);
}

export interface SubmissionParams {
  unit: string;
  geography: string;
  period: SubmittedPeriod;
  year: number;
}

/** Submission state of a unit's period report and of its child units. */
export function fetchSubmissionStatus(
  api: AuthorizedConfig,
  params: SubmissionParams,
): Promise<SubmissionStatus> {
  const path = `/api/reports/submissions?${query({ ...params })}`;
  return request(api, 'GET', path, api.token, undefined, submissionStatusSchema);
}

/** Submits the caller's own unit's period report (the server freezes it). */
export function submitReport(
  api: AuthorizedConfig,
  params: SubmissionParams & { basis: PeriodBasis },
): Promise<ReportSubmission> {
  return request(
    api,
    'POST',
    '/api/reports/submissions',
    api.token,
    params,
    reportSubmissionSchema,
  );
}

export function reopenReport(
  api: AuthorizedConfig,
  params: SubmissionParams & { reason: string },
): Promise<ReportSubmission> {
  const path = '/api/reports/submissions/reopen';
  return request(api, 'POST', path, api.token, params, reportSubmissionSchema);
}

/** The yearly targets of a unit and its child units, and whether the caller may set them. */
export function fetchTargets(
  api: AuthorizedConfig,
  params: { unit: string; geography: string; year: number },
): Promise<UnitTargets> {
  const path = `/api/reports/targets?${query({ ...params })}`;
  return request(api, 'GET', path, api.token, undefined, unitTargetsSchema);
}

/** Replaces the unit's target set for the year (an indicator left out has no target). */
export function saveTargets(api: AuthorizedConfig, body: TargetSet): Promise<UnitTargets> {
  return request(api, 'PUT', '/api/reports/targets', api.token, body, unitTargetsSchema);
}
