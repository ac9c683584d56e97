import type { SummaryQuery } from '../../../shared/reports/report-api';
import { adHocPeriod } from '../../../shared/reports/report-periods';
import { buildSummaryReport, type SummaryReport } from '../../../shared/reports/summary-report';
import { badRequest, forbidden } from '../../http/problem';
import { readsEverything } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import { ACCOUNT_GEOGRAPHY, reportCatalog } from './report-catalog';
import type { ReportRepository } from './report.repository';

export class ReportService {
  constructor(private readonly repository: ReportRepository) {}

  /**
   * The summary of a unit of a geography the caller may read (their unit holds every place it
   * covers, through the mapping). Sums come from SQL; placing them into the geography's units
   * and the layout come from src/shared/reports.
   */
  async summary(caller: Caller, query: SummaryQuery): Promise<SummaryReport> {
    const catalog = reportCatalog();
    const geographyId = query.geography ?? ACCOUNT_GEOGRAPHY;
    if (!catalog.has(geographyId)) {
      throw badRequest(`Không có bộ danh mục đơn vị hành chính "${geographyId}".`);
    }
    const period = adHocPeriod(query.from, query.to);
    if (!period) throw badRequest('Kỳ báo cáo không hợp lệ: ngày kết thúc trước ngày bắt đầu.');
    const tree = catalog.tree(geographyId);
    const wide = readsEverything(caller.user);
    let unitCode = query.unit;
    if (unitCode === undefined) {
      if (geographyId === ACCOUNT_GEOGRAPHY) unitCode = caller.user.unitCode;
      else if (wide) unitCode = tree.roots()[0]!.code;
      else throw badRequest('Vui lòng chọn đơn vị (unit) trong danh mục này.');
    }
    if (!tree.get(unitCode)) {
      throw badRequest(`Mã đơn vị "${unitCode}" không có trong danh mục ${geographyId}.`);
    }
    const scope = { geographyId, code: unitCode };
    const own = { geographyId: ACCOUNT_GEOGRAPHY, code: caller.user.unitCode };
    if (!wide && !catalog.isWithin(scope, own)) {
      throw forbidden('Bạn không có quyền xem báo cáo của đơn vị này.');
    }
    const codes = [...new Set(catalog.communesWithin(scope).map((u) => u.code))];
    const groups = await this.repository.factGroups(period, codes);
    return buildSummaryReport({ catalog, geographyId, unitCode, period, groups });
  }
}
