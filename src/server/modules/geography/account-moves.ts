import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { PublicUser } from '../../../shared/auth/auth-protocol';

/** An account whose unit belongs to a geography no longer in force, and where it could go. */
export interface AccountMove {
  user: PublicUser;
  /** Name of the retired unit, in its own geography. */
  unitName: string;
  /** The unit proposed in the geography in force; none for a district (someone must decide). */
  proposal: {
    geographyId: string;
    unitCode: string;
    unitName: string;
    role: PublicUser['role'];
  } | null;
  /** For a district: the current communes its old communes went into (candidates). */
  candidates: { code: string; name: string }[];
}

const WIDE_ROLES = new Set<PublicUser['role']>(['province', 'agency', 'admin']);

/**
 * The dry run of a switch: every account of a retired geography with a proposal. A commune
 * officer goes to the new commune containing the old one; a province-level account to the new
 * province; a district officer to nothing (the level is gone: a province-level role or one
 * commune, an administrator's decision).
 */
export function proposeMoves(
  catalog: GeographyCatalog,
  users: readonly PublicUser[],
  today: string,
): AccountMove[] {
  const current = catalog.inForceOn(today).id;
  const tree = catalog.tree(current);
  return users
    .filter((u) => u.geographyId !== current)
    .map((user) => {
      const ref = { geographyId: user.geographyId, code: user.unitCode };
      const unitName = (catalog.has(ref.geographyId) && catalog.unit(ref)?.name) || user.unitCode;
      const to = (code: string | undefined) => {
        const unit = code === undefined ? undefined : tree.get(code);
        return unit
          ? { geographyId: current, unitCode: unit.code, unitName: unit.name, role: user.role }
          : null;
      };
      if (!catalog.has(ref.geographyId) || !catalog.unit(ref)) {
        return { user, unitName, proposal: null, candidates: [] };
      }
      if (WIDE_ROLES.has(user.role)) {
        return { user, unitName, proposal: to(tree.roots()[0]?.code), candidates: [] };
      }
      if (user.role === 'commune') {
        return {
          user,
          unitName,
          proposal: to(catalog.communeOn(ref, today)?.code),
          candidates: [],
        };
      }
      const old = catalog.tree(ref.geographyId);
      const codes = new Set(
        old
          .leavesUnder(ref.code)
          .flatMap((u) => catalog.mapCommune(u.code, ref.geographyId, current)),
      );
      const candidates = [...codes].map((code) => ({ code, name: tree.get(code)?.name ?? code }));
      return { user, unitName, proposal: null, candidates };
    });
}
