import type { Activity } from '../activity/activity.schema';
import { ACTIVITY_TYPES, type ActivityStatus, type ActivityType } from '../activity/activity-enums';
import type { GeographyCatalog } from '../geography/geography-catalog';
import { levelsOf, placeIn } from '../geography/roll-up';
import { activityFacts, addMeasures, emptyMeasures, type Measures } from './report-measures';
import { inPeriod, type DateRange } from './report-periods';

// One report definition for every level and geography: the figures of a unit in a period, per
// activity form, broken down by its child units, with the total row equal to the sum of the
// children and the children (and communes) that reported nothing. Input is already grouped by
// geography, commune, form and status — by SQL on the server, by `groupActivities` on the phone
// — and placed into the report's geography by the geography roll-up (old communes add up into
// the commune they became).

export interface FactGroup {
  /** The geography the commune code belongs to (the one in force on the activity's date). */
  geographyId: string;
  communeCode: string;
  form: ActivityType;
  status: ActivityStatus;
  measures: Measures;
}

export type FormFigures = Record<ActivityType, Measures>;

export interface UnitFigures {
  code: string;
  name: string;
  /** Has child units to drill down into. */
  hasChildren: boolean;
  /** Complete activities, per form. */
  forms: FormFigures;
  /** All forms together (complete activities). */
  total: Measures;
  /** Drafts are not counted in the figures; they are listed apart. */
  drafts: Record<ActivityType, number>;
  draftTotal: number;
}

export interface UnitRef {
  code: string;
  name: string;
}

export interface SummaryReport {
  geography: string;
  unit: UnitRef & { level: string; qualifiedName: string };
  period: DateRange;
  /** The unit's children, in the order of the unit list (empty for a commune). */
  rows: UnitFigures[];
  /**
   * Figures within the unit that fit no single child (a new commune straddling two old
   * districts), by the unit they were recorded in: shown apart, still in the total.
   */
  unplaced: (UnitFigures & { geographyId: string })[];
  /** The unit itself: the sum of `rows` and `unplaced` (its own figures when it has no children). */
  total: UnitFigures;
  completeness: {
    /** Children with no complete activity in the period. */
    silentChildren: UnitRef[];
    /** Communes (leaves) under the unit with no complete activity in the period. */
    silentCommunes: UnitRef[];
    communes: number;
  };
}

function emptyFigures(code: string, name: string, hasChildren: boolean): UnitFigures {
  const forms = {} as FormFigures;
  const drafts = {} as Record<ActivityType, number>;
  for (const form of ACTIVITY_TYPES) {
    forms[form] = emptyMeasures();
    drafts[form] = 0;
  }
  return { code, name, hasChildren, forms, total: emptyMeasures(), drafts, draftTotal: 0 };
}

/** Sums figures row by row (a total row is computed this way, never separately). */
export function sumFigures(code: string, name: string, rows: readonly UnitFigures[]): UnitFigures {
  const out = emptyFigures(code, name, rows.length > 0);
  for (const row of rows) {
    for (const form of ACTIVITY_TYPES) {
      addMeasures(out.forms[form], row.forms[form]);
      out.drafts[form] += row.drafts[form];
    }
    addMeasures(out.total, row.total);
    out.draftTotal += row.draftTotal;
  }
  return out;
}

function addGroup(figures: UnitFigures, group: FactGroup) {
  if (group.status === 'draft') {
    figures.drafts[group.form] += group.measures.activities;
    figures.draftTotal += group.measures.activities;
    return;
  }
  addMeasures(figures.forms[group.form], group.measures);
  addMeasures(figures.total, group.measures);
}

export interface SummaryInput {
  catalog: GeographyCatalog;
  /** The geography the report is shown in; `unitCode` is one of its units. */
  geographyId: string;
  unitCode: string;
  period: DateRange;
  /** Groups of any geography; those not wholly within the unit are ignored. */
  groups: Iterable<FactGroup>;
}

export function buildSummaryReport(input: SummaryInput): SummaryReport {
  const { catalog, geographyId, unitCode } = input;
  const tree = catalog.tree(geographyId);
  const unit = tree.get(unitCode);
  if (!unit) throw new Error(`Unknown unit ${unitCode} in ${geographyId}`);
  const scope = { geographyId, code: unitCode };
  const children = tree.childrenOf(unitCode);
  const rowUnits = children.length > 0 ? children : [unit];
  const level = rowUnits[0]!.level;
  const leafLevel = levelsOf(catalog, geographyId).at(-1)!;
  const byCode = new Map(
    rowUnits.map((u) => [u.code, emptyFigures(u.code, u.name, !tree.isLeaf(u.code))]),
  );
  const unplacedByKey = new Map<string, UnitFigures & { geographyId: string }>();
  const active = new Set<string>();

  // Where each recorded commune goes, decided once per (geography, commune) by the geography
  // roll-up's placement: within the unit or not, which row, which commune of the report's tree.
  const places = new Map<string, { row: string | undefined; leaf: string | undefined } | null>();
  for (const group of input.groups) {
    const ref = { geographyId: group.geographyId, code: group.communeCode };
    const key = `${ref.geographyId}\u0000${ref.code}`;
    let place = places.get(key);
    if (place === undefined) {
      place = catalog.isWithin(ref, scope)
        ? {
            row: placeIn(catalog, ref, { geographyId, level }),
            leaf: placeIn(catalog, ref, { geographyId, level: leafLevel }),
          }
        : null;
      places.set(key, place);
    }
    if (place === null) continue;
    if (place.leaf !== undefined && group.status === 'complete' && group.measures.activities > 0) {
      active.add(place.leaf);
    }
    const row = place.row === undefined ? undefined : byCode.get(place.row);
    if (row) {
      addGroup(row, group);
      continue;
    }
    let rest = unplacedByKey.get(key);
    if (!rest) {
      const name = catalog.unit(ref)?.name ?? ref.code;
      rest = { ...emptyFigures(ref.code, name, false), geographyId: ref.geographyId };
      unplacedByKey.set(key, rest);
    }
    addGroup(rest, group);
  }

  const placed = [...byCode.values()];
  const unplaced = [...unplacedByKey.values()];
  const total =
    children.length === 0 && unplaced.length === 0
      ? placed[0]!
      : sumFigures(unit.code, unit.name, [...placed, ...unplaced]);
  const leaves = tree.leavesUnder(unitCode);
  const rowsOut = children.length > 0 ? placed : [];
  return {
    geography: geographyId,
    unit: {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      qualifiedName: tree.qualifiedName(unit.code),
    },
    period: { from: input.period.from, to: input.period.to },
    rows: rowsOut,
    unplaced,
    total,
    completeness: {
      silentChildren: rowsOut
        .filter((r) => r.total.activities === 0)
        .map((r) => ({ code: r.code, name: r.name })),
      silentCommunes: leaves
        .filter((l) => !active.has(l.code))
        .map((l) => ({ code: l.code, name: l.name })),
      communes: leaves.length,
    },
  };
}

/** The geography a record's commune code belongs to (carried by the record; docs/geography.md). */
export function recordGeographyId(
  _catalog: GeographyCatalog,
  activity: Pick<Activity, 'geographyId'>,
): string {
  return activity.geographyId;
}

/**
 * The phone's grouping of its own records, equal to the server's SQL: live records dated in the
 * period, summed by geography, commune, form and status.
 */
export function groupActivities(
  activities: Iterable<Activity>,
  period: DateRange,
  catalog: GeographyCatalog,
): FactGroup[] {
  const groups = new Map<string, FactGroup>();
  for (const activity of activities) {
    if (!inPeriod(activity.date, period)) continue;
    const facts = activityFacts(activity);
    const geographyId = recordGeographyId(catalog, activity);
    const key = `${geographyId}\u0000${facts.communeCode}\u0000${facts.form}\u0000${facts.status}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        geographyId,
        communeCode: facts.communeCode,
        form: facts.form,
        status: facts.status,
        measures: emptyMeasures(),
      };
      groups.set(key, group);
    }
    addMeasures(group.measures, facts.measures);
  }
  return [...groups.values()];
}
