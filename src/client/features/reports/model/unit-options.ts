import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';

// The units a user may pick for a report, in one geography: everything for province, agency and
// admin accounts; otherwise the units wholly within their own unit through the mappings — the
// server's rule (it refuses anything else with 403), so the picker never offers a refusal.

const WIDE_ROLES = new Set<PublicUser['role']>(['province', 'agency', 'admin']);

export interface UnitOption {
  code: string;
  name: string;
  /** 0 for the top unit offered; indents the picker. */
  depth: number;
  hasChildren: boolean;
}

export function readsEverything(user: PublicUser): boolean {
  return WIDE_ROLES.has(user.role);
}

export function unitOptions(
  catalog: GeographyCatalog,
  geographyId: string,
  user: PublicUser,
): UnitOption[] {
  if (!catalog.has(geographyId)) return [];
  const tree = catalog.tree(geographyId);
  const wide = readsEverything(user);
  const own = { geographyId: user.geographyId, code: user.unitCode };
  const out: UnitOption[] = [];
  const visit = (code: string, depth: number) => {
    const unit = tree.get(code)!;
    const allowed = wide || catalog.isWithin({ geographyId, code }, own);
    if (allowed) {
      out.push({ code, name: unit.name, depth, hasChildren: !tree.isLeaf(code) });
    }
    // Below an allowed unit every unit is allowed too; below a refused one some may be.
    for (const child of tree.childrenOf(code)) visit(child.code, allowed ? depth + 1 : depth);
  };
  for (const root of tree.roots()) visit(root.code, 0);
  return out;
}

/** The unit a user's report opens on in `geographyId`: their own, or the widest they may read. */
export function defaultUnit(
  catalog: GeographyCatalog,
  geographyId: string,
  user: PublicUser,
): string | undefined {
  if (geographyId === user.geographyId && catalog.unit({ geographyId, code: user.unitCode })) {
    return user.unitCode;
  }
  return unitOptions(catalog, geographyId, user)[0]?.code;
}
