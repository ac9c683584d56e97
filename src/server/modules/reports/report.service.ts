import type { SummaryQuery } from '../../../shared/reports/report-api';
import {
  monthlyActivities,
  type MonthlyActivities,
} from '../../../shared/reports/monthly-activities';
import type { SummaryWithTargets } from '../../../shared/reports/report-api';
import { adHocPeriod, regularPeriodOf } from '../../../shared/reports/report-periods';
import { reportProgress } from '../../../shared/reports/report-targets';
import { buildSummaryReport, type SummaryReport } from '../../../shared/reports/summary-report';
import { badRequest, forbidden } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import { mayRead, readsEverything } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import type { TargetRepository } from '../targets/target.repository';
import type { ReportRepository } from './report.repository';

/** What a report is of; the output options (format, part, language) are the route's. */
type ReportQuery = Pick<SummaryQuery, 'unit' | 'geography' | 'from' | 'to'> &
  Partial<Omit<SummaryQuery, 'unit' | 'geography' | 'from' | 'to'>>;

export class ReportService {
  constructor(
    private readonly repository: ReportRepository,
    private readonly geographies: GeographyService,
    private readonly targets?: TargetRepository,
  ) {}

  /**
   * The summary of a unit of a geography the caller may read (their unit holds every place it
   * covers, through the mapping). Sums come from SQL; placing them into the geography's units
   * and the layout come from src/shared/reports. The geographies are the server's stored ones
   * (data), so an account of any geography — a 2024 district, a 2025 commune — gets its report.
   */
  async summary(caller: Caller, query: ReportQuery): Promise<SummaryWithTargets> {
    const { catalog, geographyId, unitCode, period, codes } = await this.scope(caller, query);
    const groups = await this.repository.factGroups(period, codes);
    const report = buildSummaryReport({ catalog, geographyId, unitCode, period, groups });
    return { ...report, targets: await this.progress(report, geographyId) };
  }

  /**
   * For a six-month or whole-year period (either basis), the progress of the unit and each child
   * towards the YEAR's targets; null for an ad hoc period.
   */
  private async progress(report: SummaryReport, geographyId: string) {
    const targets = this.targets;
    if (!targets) return null;
    return reportProgress(report, (units, year) => targets.forUnits(geographyId, units, year));
  }

  /** A stored geography's name ("Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)"), else its id. */
  async geographyName(geographyId: string): Promise<string> {
    return (await this.geographies.catalog()).get(geographyId)?.name ?? geographyId;
  }

  /** Complete activities per month and form of the same unit and period (the report's chart). */
  async monthly(caller: Caller, query: ReportQuery): Promise<MonthlyActivities> {
    const { catalog, geographyId, unitCode, period, codes } = await this.scope(caller, query);
    const counts = await this.repository.monthCounts(period, codes);
    return monthlyActivities(catalog, { geographyId, code: unitCode }, period, counts);
  }

  /** The unit, geography and period asked for, checked against the caller's scope. */
  private async scope(caller: Caller, query: ReportQuery) {
    const catalog = await this.geographies.catalog();
    const own = caller.user.geographyId;
    const geographyId = query.geography ?? own;
    if (!catalog.has(geographyId)) {
      throw badRequest('geographyUnknown', { geography: geographyId });
    }
    const period = adHocPeriod(query.from, query.to);
    if (!period) throw badRequest('invalidReportPeriod');
    const tree = catalog.tree(geographyId);
    let unitCode = query.unit;
    if (unitCode === undefined) {
      if (geographyId === own && tree.get(caller.user.unitCode)) unitCode = caller.user.unitCode;
      else if (readsEverything(caller.user)) unitCode = tree.roots()[0]!.code;
      else throw badRequest('chooseUnit');
    }
    if (!tree.get(unitCode)) {
      throw badRequest('unitNotInGeography', { unit: unitCode, geography: geographyId });
    }
    const scope = { geographyId, code: unitCode };
    if (!mayRead(caller.user, catalog, scope)) {
      throw forbidden('noReportRight');
    }
    const codes = [...new Set(catalog.communesWithin(scope).map((u) => u.code))];
    return { catalog, geographyId, unitCode, period, codes };
  }
}
