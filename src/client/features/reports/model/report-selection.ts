import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import {
  adHocPeriod,
  type DateRange,
  type PeriodBasis,
} from '../../../../shared/reports/report-periods';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import type { ReportParams } from '../../../lib/router';
import { defaultChoice, rangeOf } from './period-choice';
import { defaultUnit, unitOptions, type UnitOption } from './unit-options';

export interface ReportSelection {
  geographyId: string;
  units: UnitOption[];
  unitCode: string | undefined;
  range: DateRange;
}

/**
 * What a report URL means for this user: unknown or out-of-scope parts fall back to the user's
 * own unit, their geography and the period in progress — a link never opens a refusal.
 */
export function selectionOf(
  catalog: GeographyCatalog,
  user: PublicUser,
  params: ReportParams,
  today: string,
  /** The province's default period basis (pulled settings). */
  basis?: PeriodBasis,
): ReportSelection {
  const geographyId =
    params.geography && catalog.has(params.geography)
      ? params.geography
      : catalog.has(user.geographyId)
        ? user.geographyId
        : catalog.latest().id;
  const units = unitOptions(catalog, geographyId, user);
  const unitCode =
    params.unit && units.some((u) => u.code === params.unit)
      ? params.unit
      : defaultUnit(catalog, geographyId, user);
  const given = params.from && params.to ? adHocPeriod(params.from, params.to) : null;
  const range = given ? { from: given.from, to: given.to } : rangeOf(defaultChoice(today, basis))!;
  return { geographyId, units, unitCode, range };
}
