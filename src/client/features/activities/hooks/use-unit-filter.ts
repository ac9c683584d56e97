import { useMemo } from 'react';
import type { Role } from '../../../../shared/auth/roles';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { UnitRef } from '../../../../shared/geography/geography';

const WIDE_ROLES: ReadonlySet<Role> = new Set(['province', 'agency', 'admin']);

export interface UnitFilter {
  /** Every geography the phone knows, oldest first: the views the list can be shown in. */
  geographies: { value: string; label: string }[];
  geographyId: string;
  /** The units of that geography the officer may filter by. */
  units: { value: string; label: string }[];
  /** The places (`${geographyId}|${code}`, any geography) within the chosen unit. */
  places: ReadonlySet<string> | undefined;
}

/**
 * The list's unit filter in the geography the officer picks: in the current one old communes
 * count in the commune they became (a 2024 Vĩnh Thanh record is in Phường Rạch Giá); in the 2024
 * one a record is only in units it lies wholly within, so a 2024 Vĩnh Bảo record is never shown
 * as Rạch Giá, and Rạch Giá's 2025 records are in old Thành phố Rạch Giá, not in one old ward.
 */
export function unitFilter(
  catalog: GeographyCatalog,
  user: { role: Role; unit: UnitRef },
  geo: string | undefined,
  unit: string | undefined,
): UnitFilter {
  const geographyId = geo && catalog.has(geo) ? geo : catalog.latest().id;
  const tree = catalog.tree(geographyId);
  const all = tree.roots().flatMap((root) => tree.subtree(root.code));
  const mine = WIDE_ROLES.has(user.role)
    ? all
    : all.filter((u) => catalog.isWithin({ geographyId, code: u.code }, user.unit));
  const byName = (a: { label: string }, b: { label: string }) =>
    a.label.localeCompare(b.label, 'vi');
  const option = (code: string) => ({ value: code, label: tree.qualifiedName(code) });
  const units = [
    ...mine
      .filter((u) => !tree.isLeaf(u.code))
      .map((u) => option(u.code))
      .sort(byName),
    ...mine
      .filter((u) => tree.isLeaf(u.code))
      .map((u) => option(u.code))
      .sort(byName),
  ];
  const chosen = unit && units.some((u) => u.value === unit) ? unit : undefined;
  const places = chosen
    ? new Set(
        catalog
          .communesWithin({ geographyId, code: chosen })
          .map((r) => `${r.geographyId}|${r.code}`),
      )
    : undefined;
  return {
    geographies: catalog.list().map((g) => ({ value: g.id, label: g.name })),
    geographyId,
    units,
    places,
  };
}

export function useUnitFilter(
  catalog: GeographyCatalog | undefined,
  user: { role: Role; unitCode: string; geographyId: string },
  geo: string | undefined,
  unit: string | undefined,
): UnitFilter | undefined {
  const { role, unitCode, geographyId } = user;
  return useMemo(
    () =>
      catalog
        ? unitFilter(catalog, { role, unit: { geographyId, code: unitCode } }, geo, unit)
        : undefined,
    [catalog, role, unitCode, geographyId, geo, unit],
  );
}
