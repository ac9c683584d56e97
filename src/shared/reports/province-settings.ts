import { z } from 'zod';
import { PERIOD_BASES, type PeriodBasis } from './report-periods';
import { V } from '../validation/messages';

// What the province decides for every level's reports, as data (one document, edited by an
// administrator through the API, the accounts screen or `npm run settings`, delivered to phones
// by pull as the `settings` collection).

/** The regular periods a unit submits. */
export const SUBMITTED_PERIODS = ['first_half', 'full_year'] as const;
export type SubmittedPeriod = (typeof SUBMITTED_PERIODS)[number];

/**
 * A period's due date for one level (a unit's `level`: 'commune', 'district', 'province'): day
 * and month in the report's year. Circular 10/2022/TT-BLĐTBXH: the province reports the six
 * months before 1 June and the year before 1 December, so lower levels are due earlier.
 */
export const dueDateRuleSchema = z.object({
  period: z.enum(SUBMITTED_PERIODS),
  level: z.string().trim().min(1).max(30),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
});
export type DueDateRule = z.infer<typeof dueDateRuleSchema>;

/**
 * The year's communication plan the reports of that year answer to, as the print view cites it.
 * Plan 106/KH-UBND is 2024's; every year has its own (reorganisation-2025.md).
 */
export const communicationPlanSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** "Kế hoạch số 106/KH-UBND ngày 04/4/2024 của UBND tỉnh Kiên Giang". */
  reference: z.string().trim().min(1).max(300),
});
export type CommunicationPlan = z.infer<typeof communicationPlanSchema>;

/** The seed: the plan this app was made for. */
export const INITIAL_PLANS: readonly CommunicationPlan[] = [
  { year: 2024, reference: 'Kế hoạch số 106/KH-UBND ngày 04/4/2024 của UBND tỉnh Kiên Giang' },
];

export const provinceSettingsSchema = z
  .object({
    /** Which basis the report screens open on: calendar, or the Decree 09/2019 cut-off. */
    defaultPeriodBasis: z.enum(PERIOD_BASES),
    dueDates: z.array(dueDateRuleSchema).max(40),
    /** Per year, its plan. Left out (a document stored before plans existed): the seed. */
    plans: z
      .array(communicationPlanSchema)
      .max(100)
      .default(() => [...INITIAL_PLANS]),
  })
  .refine(
    (s) => new Set(s.dueDates.map((d) => `${d.period}/${d.level}`)).size === s.dueDates.length,
    { path: ['dueDates'], message: V.invalidValue },
  )
  .refine((s) => new Set(s.plans.map((p) => p.year)).size === s.plans.length, {
    path: ['plans'],
    message: V.invalidValue,
  });
export type ProvinceSettings = z.infer<typeof provinceSettingsSchema>;

/** The settings document's id in the `settings` collection. */
export const PROVINCE_SETTINGS_ID = 'province';

/** The seed (migration 0015), and what a phone uses before its first pull. */
export const INITIAL_DUE_DATES: readonly DueDateRule[] = [
  { period: 'first_half', level: 'commune', month: 5, day: 20 },
  { period: 'first_half', level: 'district', month: 5, day: 25 },
  { period: 'first_half', level: 'province', month: 5, day: 31 },
  { period: 'full_year', level: 'commune', month: 11, day: 20 },
  { period: 'full_year', level: 'district', month: 11, day: 25 },
  { period: 'full_year', level: 'province', month: 11, day: 30 },
];

export const INITIAL_PROVINCE_SETTINGS: ProvinceSettings = {
  defaultPeriodBasis: 'calendar' satisfies PeriodBasis,
  dueDates: [...INITIAL_DUE_DATES],
  plans: [...INITIAL_PLANS],
};

/** The plan a year's reports answer to, if the province has given one. */
export function planOfYear(
  settings: Pick<ProvinceSettings, 'plans'>,
  year: number,
): CommunicationPlan | undefined {
  return settings.plans.find((p) => p.year === year);
}
