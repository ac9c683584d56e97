import type { FastifyInstance } from 'fastify';
import { en } from '../../../shared/i18n/en';
import { vi } from '../../../shared/i18n/vi';
import { reportLabelsEn } from '../../../shared/i18n/report-labels.en';
import { reportLabelsVi, type ReportDictionary } from '../../../shared/i18n/report-labels.vi';
import { summaryQuerySchema } from '../../../shared/reports/report-api';
import { flatTable } from '../../../shared/reports/report-tables';
import { targetTable } from '../../../shared/reports/report-targets-table';
import type { SummaryReport } from '../../../shared/reports/summary-report';
import { badRequest } from '../../http/problem';
import { parseWith } from '../../http/parse';
import { authOf, type AuthHook } from '../auth/authenticate';
import { toCsv } from './report-csv';
import { toXlsx } from './report-xlsx';
import type { ReportService } from './report.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * "bao-cao-an-giang-2025-91-2026-01-01-2026-06-30": ASCII, so every browser keeps it as the file
 * name; the geography first, because codes are reused (91 was Kiên Giang, is An Giang).
 */
const fileName = (r: SummaryReport, ext: string) =>
  `bao-cao-${r.geography}-${r.unit.code}-${r.period.from}-${r.period.to}.${ext}`;

export function registerReportRoutes(
  app: FastifyInstance,
  reports: ReportService,
  authenticate: AuthHook,
) {
  app.get('/api/reports/summary', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(summaryQuerySchema, request.query);
    const report = await reports.summary(authOf(request), query);
    const dictionary: ReportDictionary =
      query.lang === 'en' ? { ...en, report: reportLabelsEn } : { ...vi, report: reportLabelsVi };
    reply.header('cache-control', 'private, no-store');
    if (query.format === 'csv' && query.part === 'targets') {
      // Targets are yearly: only a six-month or whole-year report has them.
      if (!report.targets) throw badRequest('targetsNeedYearPeriod');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(report, 'chi-tieu.csv')}"`)
        .send(toCsv(targetTable(report.targets, dictionary)));
    }
    if (query.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(report, 'csv')}"`)
        .send(toCsv(flatTable(report, dictionary)));
    }
    if (query.format === 'xlsx') {
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${fileName(report, 'xlsx')}"`)
        .send(await toXlsx(report, dictionary, await reports.geographyName(report.geography)));
    }
    return report;
  });

  app.get('/api/reports/monthly', { onRequest: authenticate }, async (request, reply) => {
    const query = parseWith(summaryQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    return reports.monthly(authOf(request), query);
  });
}
