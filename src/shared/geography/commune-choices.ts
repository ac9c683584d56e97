import type { Role } from '../auth/roles';
import type { UnitRef } from './geography';
import type { GeographyCatalog } from './geography-catalog';

// Which communes the activity form offers, and what happens to the chosen one when the date
// moves into another geography. Pure, so the rules are unit-tested without a browser.

/** Roles whose officers record anywhere in the province (the server agrees: activity-access). */
const WIDE_ROLES: ReadonlySet<Role> = new Set(['province', 'agency', 'admin']);

export interface CommuneChoice {
  code: string;
  /** "Xã A, Huyện B" in 2024, "Phường Rạch Giá" since 2025. */
  label: string;
}

export interface CommuneChoices {
  geographyId: string;
  communes: CommuneChoice[];
}

/**
 * The communes an officer can record an activity dated `date` in: the communes of the geography
 * in force on that day that lie within the officer's unit through the mappings (a 2025 officer
 * of Phường Rạch Giá dating an activity in June 2025 gets its ten old wards). When none does
 * (an officer nobody moved yet, whose old commune is part of a larger new one), the commune
 * their unit became is offered: the server keeps such a record until the account is moved.
 */
export function communeChoices(
  catalog: GeographyCatalog,
  user: { role: Role; unit: UnitRef },
  date: string,
): CommuneChoices {
  const geography = catalog.inForceOn(date);
  const tree = catalog.tree(geography.id);
  const leaves = tree.leavesUnder();
  let picked = leaves;
  if (!WIDE_ROLES.has(user.role) && catalog.unit(user.unit)) {
    picked = leaves.filter((u) =>
      catalog.isWithin({ geographyId: geography.id, code: u.code }, user.unit),
    );
    if (picked.length === 0) {
      const scopeTree = catalog.tree(user.unit.geographyId);
      const own = scopeTree.isLeaf(user.unit.code)
        ? [user.unit.code]
        : scopeTree.leavesUnder(user.unit.code).map((u) => u.code);
      const became = new Set(
        own.flatMap((c) => catalog.mapCommune(c, user.unit.geographyId, geography.id)),
      );
      picked = leaves.filter((u) => became.has(u.code));
    }
  }
  const communes = picked
    .map((u) => ({ code: u.code, label: tree.qualifiedName(u.code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { geographyId: geography.id, communes };
}

/**
 * Where the chosen commune stands after the date moved into another geography: the commune it
 * became (forward), or the single commune it came from (backward; undefined when several were
 * merged into it and the officer must choose).
 */
export function communeAfterDateChange(
  catalog: GeographyCatalog,
  chosen: UnitRef,
  date: string,
): UnitRef | undefined {
  if (!catalog.has(chosen.geographyId)) return undefined;
  return catalog.communeOn(chosen, date);
}
