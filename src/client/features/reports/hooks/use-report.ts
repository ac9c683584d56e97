import { useLiveQuery } from 'dexie-react-hooks';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { DateRange } from '../../../../shared/reports/report-periods';
import type { SummaryWithTargets } from '../../../../shared/reports/report-api';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import { useAppDb } from '../../../db/app-db-context';
import { useRemote } from '../../../lib/use-remote';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import type { MonthlyActivities } from '../../../../shared/reports/monthly-activities';
import { fetchMonthly, fetchSummary } from '../http/reports-http';
import { localSummary } from '../store/local-report';

export interface ReportState {
  /** With progress towards the year's targets (the phone's: from the targets it pulled). */
  report: SummaryWithTargets | undefined;
  monthly: MonthlyActivities | undefined;
  /** 'local': computed on the phone from its own records (works offline). */
  source: 'local' | 'server';
  unsynced: number;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export interface ReportRequest {
  catalog: GeographyCatalog;
  geographyId: string;
  unitCode: string;
  range: DateRange;
}

/**
 * A commune officer's own commune holds only records their phone syncs in full, so its report
 * is computed on the phone — offline too, and including what is not synced yet. Everything
 * else (districts, the province, other geographies' views) comes from the server, which sums
 * in the database.
 */
export function isLocalReport(user: PublicUser, request: ReportRequest): boolean {
  return (
    user.role === 'commune' &&
    request.geographyId === user.geographyId &&
    request.unitCode === user.unitCode
  );
}

export function useReport(user: PublicUser, request: ReportRequest | null): ReportState {
  const db = useAppDb();
  const api = useAuthorizedApi();
  const local = request !== null && isLocalReport(user, request);
  const key = request
    ? `${request.geographyId}|${request.unitCode}|${request.range.from}|${request.range.to}`
    : '';
  const computed = useLiveQuery(
    async () =>
      local && request
        ? localSummary(db, request.catalog, request.geographyId, request.unitCode, request.range)
        : null,
    // A pulled geography changes the catalog (a new commune, a corrected tree): recompute.
    [db, local, key, request?.catalog],
  );
  const remote = useRemote(async () => {
    if (!request || local) return undefined;
    const params = {
      unit: request.unitCode,
      geography: request.geographyId,
      from: request.range.from,
      to: request.range.to,
    };
    const [report, monthly] = await Promise.all([
      fetchSummary(api, params),
      fetchMonthly(api, params),
    ]);
    return { report, monthly };
  }, [api, local, key]);
  if (local) {
    return {
      report: computed?.report,
      monthly: computed?.monthly,
      source: 'local',
      unsynced: computed?.unsynced ?? 0,
      loading: computed === undefined,
      error: null,
      reload: () => {},
    };
  }
  return {
    report: remote.loading || remote.error ? undefined : remote.data?.report,
    monthly: remote.loading || remote.error ? undefined : remote.data?.monthly,
    source: 'server',
    unsynced: 0,
    loading: remote.loading,
    error: remote.error,
    reload: remote.reload,
  };
}
