import type { UnitRef } from './geography';
import type { GeographyCatalog } from './geography-catalog';

// Sums figures recorded per unit (each in its own geography) into the units of one level of a
// chosen geography: the 2024 view of the plan's own reports, or the current view where old
// communes add up into the commune they became. Nothing is dropped: a row that cannot be put in
// exactly one unit of that level (a new commune viewed in the old districts it straddles, a
// commune outside the chosen geography) is returned in `unplaced`, so totals are the same in
// every geography.

export type Figures<K extends string> = Record<K, number>;

export interface UnitFigures<K extends string> extends UnitRef {
  figures: Readonly<Figures<K>>;
}

export interface RollUpTarget {
  geographyId: string;
  /** A `level` label of the target tree: 'province', 'district', 'commune'… */
  level: string;
}

export interface RollUpResult<K extends string> extends RollUpTarget {
  /** Every unit of the level, in tree order, with its sums (zeros where nothing was recorded). */
  units: { code: string; name: string; figures: Figures<K> }[];
  /** Sums by source unit of the rows that belong to no single unit of the level. */
  unplaced: UnitFigures<K>[];
  /** The sum of every row: `units` plus `unplaced`. */
  total: Figures<K>;
}

export const zeroFigures = <K extends string>(keys: readonly K[]): Figures<K> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Figures<K>;

function addInto<K extends string>(sum: Figures<K>, add: Readonly<Figures<K>>, keys: readonly K[]) {
  for (const k of keys) sum[k] += add[k] ?? 0;
}

/** The levels a geography has, from the root down ('province', 'district', 'commune'). */
export function levelsOf(catalog: GeographyCatalog, geographyId: string): string[] {
  const tree = catalog.tree(geographyId);
  const levels: string[] = [];
  const visit = (codes: string[]) => {
    if (codes.length === 0) return;
    for (const code of codes) {
      const level = tree.get(code)!.level;
      if (!levels.includes(level)) levels.push(level);
    }
    visit(codes.flatMap((c) => tree.childrenOf(c).map((u) => u.code)));
  };
  visit(tree.roots().map((u) => u.code));
  return levels;
}

/**
 * The unit of `target` (at its level) holding every place `ref` covers, or undefined when there
 * is no single one.
 */
export function placeIn(
  catalog: GeographyCatalog,
  ref: UnitRef,
  target: RollUpTarget,
): string | undefined {
  if (!catalog.has(ref.geographyId)) return undefined;
  const source = catalog.tree(ref.geographyId);
  const dest = catalog.tree(target.geographyId);
  if (!source.get(ref.code)) return undefined;
  const leaves = source.isLeaf(ref.code)
    ? [ref.code]
    : source.leavesUnder(ref.code).map((u) => u.code);
  const holders = new Set<string | undefined>();
  for (const leaf of leaves) {
    const mapped = catalog.mapCommune(leaf, ref.geographyId, target.geographyId);
    if (mapped.length === 0) return undefined;
    for (const code of mapped) {
      const unit = dest.get(code)!;
      const atLevel =
        unit.level === target.level
          ? unit
          : dest.ancestors(code).find((u) => u.level === target.level);
      holders.add(atLevel?.code);
    }
  }
  const [only, ...others] = holders;
  return others.length === 0 ? only : undefined;
}

export function rollUp<K extends string>(
  catalog: GeographyCatalog,
  rows: Iterable<UnitFigures<K>>,
  target: RollUpTarget,
  keys: readonly K[],
): RollUpResult<K> {
  if (!levelsOf(catalog, target.geographyId).includes(target.level)) {
    throw new RangeError(`${target.geographyId} has no level ${target.level}`);
  }
  const tree = catalog.tree(target.geographyId);
  const units = new Map<string, { code: string; name: string; figures: Figures<K> }>();
  const walk = (code: string) => {
    const unit = tree.get(code)!;
    if (unit.level === target.level)
      units.set(code, { code, name: unit.name, figures: zeroFigures(keys) });
    for (const child of tree.childrenOf(code)) walk(child.code);
  };
  for (const root of tree.roots()) walk(root.code);

  const placement = new Map<string, string | undefined>();
  const unplaced = new Map<string, UnitFigures<K>>();
  const total = zeroFigures(keys);
  for (const row of rows) {
    addInto(total, row.figures, keys);
    const key = `${row.geographyId}\u0000${row.code}`;
    if (!placement.has(key)) placement.set(key, placeIn(catalog, row, target));
    const code = placement.get(key);
    if (code !== undefined) {
      addInto(units.get(code)!.figures, row.figures, keys);
      continue;
    }
    let rest = unplaced.get(key);
    if (!rest) {
      rest = { geographyId: row.geographyId, code: row.code, figures: zeroFigures(keys) };
      unplaced.set(key, rest);
    }
    addInto(rest.figures as Figures<K>, row.figures, keys);
  }
  return { ...target, units: [...units.values()], unplaced: [...unplaced.values()], total };
}
