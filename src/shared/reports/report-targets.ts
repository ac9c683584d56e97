import { z } from 'zod';
import { MEDIA_CHANNELS, type ActivityType } from '../activity/activity-enums';
import { V } from '../validation/messages';
import { indicatorValue, type Indicator } from './report-indicators';
import { regularPeriodOf } from './report-periods';
import type { SummaryReport, UnitFigures } from './summary-report';

// Yearly targets (chỉ tiêu, issue 10 point 7): a province or district officer sets, per unit
// and year, how many dialogues, talks, leaflets… the unit should achieve. What a unit achieved
// is read from the report itself (the same figures, the same indicator arithmetic), never
// recounted from records — so a parent's achieved value is the sum of its children's, as the
// report guarantees.

export const TARGET_INDICATORS = [
  'dialogues',
  'community_talks',
  'materials_distributed',
  'media_items',
  'people_reached',
  'poor_reached',
  'near_poor_reached',
  'trainees',
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

export interface TargetDefinition {
  id: TargetIndicator;
  /** Whose figures the achieved value is read from: one form's, or all forms together. */
  form: ActivityType | 'all';
  /** Report indicators summed into the achieved value. */
  indicators: readonly Indicator[];
}

/** Data, not code: how each target's achieved value is read from a report row. */
export const TARGET_DEFINITIONS: readonly TargetDefinition[] = [
  { id: 'dialogues', form: 'dialogue', indicators: ['activities'] },
  { id: 'community_talks', form: 'community_talk', indicators: ['activities'] },
  {
    id: 'materials_distributed',
    form: 'printed_materials',
    // Leaflets, documents and other printed items handed out; banners are hung, not handed out.
    indicators: ['leaflet_distributed', 'document_distributed', 'other_distributed'],
  },
  {
    id: 'media_items',
    form: 'mass_media',
    indicators: MEDIA_CHANNELS.map((c) => `media_${c}_items` as const),
  },
  { id: 'people_reached', form: 'all', indicators: ['participants_total'] },
  { id: 'poor_reached', form: 'all', indicators: ['participants_poor'] },
  { id: 'near_poor_reached', form: 'all', indicators: ['participants_near_poor'] },
  {
    id: 'trainees',
    form: 'training',
    indicators: ['trainees_poverty_officials', 'trainees_reporters_editors', 'trainees_others'],
  },
];

export const targetDefinition = (id: TargetIndicator): TargetDefinition =>
  TARGET_DEFINITIONS.find((d) => d.id === id)!;

/** A unit's achieved value of a target indicator, read from its report row. */
export function achievedValue(id: TargetIndicator, figures: UnitFigures): number {
  const def = targetDefinition(id);
  const measures = def.form === 'all' ? figures.total : figures.forms[def.form];
  return def.indicators.reduce((sum, i) => sum + indicatorValue(i, measures), 0);
}

// ---- Wire format -------------------------------------------------------------------------

/** Large enough for any real target (people reached in a province), small enough to be sane. */
export const MAX_TARGET = 100_000_000;
export const FIRST_TARGET_YEAR = 2024;
export const LAST_TARGET_YEAR = 2100;

const targetValue = z
  .number({ error: V.number })
  .int({ error: V.integer })
  .min(0, { error: V.nonNegative })
  .max(MAX_TARGET, { error: V.tooMany });
const year = z.coerce
  .number({ error: V.number })
  .int({ error: V.integer })
  .min(FIRST_TARGET_YEAR, { error: V.invalidValue })
  .max(LAST_TARGET_YEAR, { error: V.invalidValue });

/** Indicator → target; an indicator left out has no target. */
export const targetValuesSchema = z
  .object(
    Object.fromEntries(TARGET_INDICATORS.map((i) => [i, targetValue.optional()])) as Record<
      TargetIndicator,
      z.ZodOptional<typeof targetValue>
    >,
  )
  .strict();
export type TargetValues = z.infer<typeof targetValuesSchema>;

/** PUT /api/reports/targets: a unit's whole target set for a year (replaces the previous one). */
export const targetSetSchema = z.object({
  geography: z.string().trim().min(1).max(60),
  unit: z.string().trim().min(1).max(20),
  year,
  targets: targetValuesSchema,
});
export type TargetSet = z.infer<typeof targetSetSchema>;

export const targetsQuerySchema = z.object({
  /** Defaults to the caller's own unit. */
  unit: z.string().trim().min(1).max(20).optional(),
  /** Defaults to the caller's geography. */
  geography: z.string().trim().min(1).max(60).optional(),
  year,
});
export type TargetsQuery = z.infer<typeof targetsQuerySchema>;

/** One stored target, with who set it and when. */
export const storedTargetSchema = z.object({
  unitCode: z.string(),
  indicator: z.enum(TARGET_INDICATORS),
  value: z.number(),
  setBy: z.string(),
  setAt: z.string(),
});
export type StoredTarget = z.infer<typeof storedTargetSchema>;

/** GET /api/reports/targets: the targets of a unit and of its child units for a year. */
export const unitTargetsSchema = z.object({
  geography: z.string(),
  year: z.number().int(),
  unit: z.object({ code: z.string(), name: z.string() }),
  children: z.array(z.object({ code: z.string(), name: z.string() })),
  targets: z.array(storedTargetSchema),
  /** Whether the caller may set targets of this unit and its children. */
  mayEdit: z.boolean(),
});
export type UnitTargets = z.infer<typeof unitTargetsSchema>;

// ---- Progress --------------------------------------------------------------------------

export interface TargetProgress {
  indicator: TargetIndicator;
  achieved: number;
  /** null: no target set. */
  target: number | null;
  /** achieved / target in %, one decimal; null without a target (or with a target of 0). */
  percent: number | null;
}

/** Progress towards one target: one decimal below 100 %, whole numbers from there. */
export function progressOf(
  indicator: TargetIndicator,
  achieved: number,
  target: number | null,
): TargetProgress {
  if (target === null || target <= 0) return { indicator, achieved, target, percent: null };
  const ratio = (achieved / target) * 100;
  // 99.96 % is not "100 %": round down near the line so a target is never shown met early.
  const percent = ratio < 100 ? Math.min(Math.round(ratio * 10) / 10, 99.9) : Math.floor(ratio);
  return { indicator, achieved, target, percent };
}

export interface UnitProgress {
  code: string;
  name: string;
  indicators: TargetProgress[];
}

export interface ReportTargetProgress {
  year: number;
  /** 'first_half': progress after six months towards the YEAR's target. */
  period: 'first_half' | 'full_year';
  unit: UnitProgress;
  children: UnitProgress[];
}

const progressRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  indicators: z.array(
    z.object({
      indicator: z.enum(TARGET_INDICATORS),
      achieved: z.number(),
      target: z.number().nullable(),
      percent: z.number().nullable(),
    }),
  ),
});
export const reportTargetProgressSchema = z.object({
  year: z.number().int(),
  period: z.enum(['first_half', 'full_year']),
  unit: progressRowSchema,
  children: z.array(progressRowSchema),
});

function unitProgress(figures: UnitFigures, targets: ReadonlyMap<string, number>): UnitProgress {
  return {
    code: figures.code,
    name: figures.name,
    indicators: TARGET_INDICATORS.map((id) =>
      progressOf(id, achievedValue(id, figures), targets.get(`${figures.code}\u0000${id}`) ?? null),
    ),
  };
}

/**
 * The report's progress towards the year's targets: the unit (its total row) and each child
 * row. Targets of other units are ignored; indicators without a target have no percent.
 */
export function targetProgress(
  report: SummaryReport,
  targets: readonly Pick<StoredTarget, 'unitCode' | 'indicator' | 'value'>[],
  year: number,
  period: ReportTargetProgress['period'],
): ReportTargetProgress {
  const byKey = new Map(targets.map((t) => [`${t.unitCode}\u0000${t.indicator}`, t.value]));
  return {
    year,
    period,
    unit: unitProgress(report.total, byKey),
    children: report.rows.map((row) => unitProgress(row, byKey)),
  };
}

/** Whether any row of the progress has a target (else there is nothing to show). */
export const hasTargets = (p: ReportTargetProgress): boolean =>
  [p.unit, ...p.children].some((u) => u.indicators.some((i) => i.target !== null));

/**
 * The report's progress for a six-month or whole-year period (either basis), towards the YEAR's
 * targets; null for an ad hoc period. `targetsOf` reads the stored targets of these units of the
 * report's geography for that year: the server from its database, the phone from its pulled copy
 * — the same arithmetic either way.
 */
export async function reportProgress(
  report: SummaryReport,
  targetsOf: (
    units: string[],
    year: number,
  ) => Promise<readonly Pick<StoredTarget, 'unitCode' | 'indicator' | 'value'>[]>,
): Promise<ReportTargetProgress | null> {
  const regular = regularPeriodOf(report.period);
  if (!regular || regular.kind === 'ad_hoc' || regular.year === null) return null;
  const units = [report.unit.code, ...report.rows.map((r) => r.code)];
  return targetProgress(report, await targetsOf(units, regular.year), regular.year, regular.kind);
}

// ---- Pull --------------------------------------------------------------------------------

/** The pull's record id of a unit's target set for a year (collection `report_targets`). */
export const targetSetId = (geographyId: string, unitCode: string, year: number): string =>
  `${geographyId}~${unitCode}~${year}`;

/**
 * A unit's target set for a year as phones pull it (`report_targets`): the whole set, so the
 * newest version replaces the last. Lenient on indicators: one this app does not know is kept
 * out by the reader, not a reason to refuse the set.
 */
export const pulledTargetSetSchema = z.object({
  geographyId: z.string(),
  unitCode: z.string(),
  year: z.number().int(),
  targets: z.record(z.string(), z.number()),
});
export type PulledTargetSet = z.infer<typeof pulledTargetSetSchema>;

/** The known indicators of pulled sets as stored targets (what targetProgress reads). */
export function targetsOfSets(
  sets: readonly PulledTargetSet[],
): Pick<StoredTarget, 'unitCode' | 'indicator' | 'value'>[] {
  return sets.flatMap((set) =>
    TARGET_INDICATORS.filter((i) => typeof set.targets[i] === 'number').map((indicator) => ({
      unitCode: set.unitCode,
      indicator,
      value: set.targets[indicator]!,
    })),
  );
}
