import { z } from 'zod';
import { ACTIVITY_TYPES } from '../activity/activity-enums';
import { REPORT_MEASURES } from './report-measures';
import { reportTargetProgressSchema, type ReportTargetProgress } from './report-targets';
import type { SummaryReport } from './summary-report';

// Wire format of GET /api/reports/summary: the query it accepts and the JSON it answers with
// (SummaryReport of summary-report.ts), described for validation and OpenAPI.

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const isoDate = z.iso.date();

export const summaryQuerySchema = z.object({
  /** Defaults to the caller's own unit. */
  unit: z.string().trim().min(1).max(20).optional(),
  /** Geography id; defaults to the one in force. */
  geography: z.string().trim().min(1).max(60).optional(),
  from: isoDate,
  to: isoDate,
  format: z.enum(REPORT_FORMATS).default('json'),
  /** CSV only: the report's figures (default) or its progress towards the year's targets. */
  part: z.enum(['figures', 'targets']).default('figures'),
  /** Language of the exports' headers. */
  lang: z.enum(['vi', 'en']).default('vi'),
});
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

const measuresSchema = z.object(
  Object.fromEntries(REPORT_MEASURES.map((m) => [m, z.number()])) as Record<
    (typeof REPORT_MEASURES)[number],
    z.ZodNumber
  >,
);
const perForm = <T extends z.ZodType>(schema: T) =>
  z.object(
    Object.fromEntries(ACTIVITY_TYPES.map((f) => [f, schema])) as Record<
      (typeof ACTIVITY_TYPES)[number],
      T
    >,
  );
const unitRefSchema = z.object({ code: z.string(), name: z.string() });

export const unitFiguresSchema = z.object({
  code: z.string(),
  name: z.string(),
  hasChildren: z.boolean(),
  forms: perForm(measuresSchema),
  total: measuresSchema,
  drafts: perForm(z.number()),
  draftTotal: z.number(),
});

export const summaryReportSchema = z.object({
  geography: z.string(),
  unit: unitRefSchema.extend({ level: z.string(), qualifiedName: z.string() }),
  period: z.object({ from: isoDate, to: isoDate }),
  rows: z.array(unitFiguresSchema),
  unplaced: z.array(unitFiguresSchema.extend({ geographyId: z.string() })),
  total: unitFiguresSchema,
  completeness: z.object({
    silentChildren: z.array(unitRefSchema),
    silentCommunes: z.array(unitRefSchema),
    communes: z.number(),
  }),
  /** Six months or a whole year: progress towards the year's targets (null: ad hoc period). */
  targets: reportTargetProgressSchema.nullable().optional(),
});

/** The summary as the server answers it: the report and, for a regular period, its targets. */
export type SummaryWithTargets = SummaryReport & { targets?: ReportTargetProgress | null };
