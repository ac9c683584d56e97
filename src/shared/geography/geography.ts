import type { AdminUnit } from '../admin-units/admin-unit.schema';

// A geography is one published version of the unit tree: Kiên Giang's three tiers of 2024, the
// new An Giang's two tiers from 1 July 2025, and whatever comes next. Unit codes are reused
// between versions with other meanings (30742 = Phường Vĩnh Bảo in 2024, Phường Rạch Giá since
// July 2025), so a code is only ever read together with the id of the geography it belongs to.
// Kept free of zod (see geography.schema.ts for the checked file format) so the client can use it
// on its start-up path.

/** How one commune of the previous geography continues in this one. */
export interface CommuneMapping {
  fromCode: string;
  toCode: string;
}

export interface GeographyPredecessor {
  /** Id of the geography in force just before this one. */
  geographyId: string;
  source?: string;
  /** Every commune (leaf) of the previous geography, each exactly once. */
  communes: CommuneMapping[];
}

export interface Geography {
  /** Stable, kebab-case: 'kien-giang-2024', 'an-giang-2025'. */
  id: string;
  /** Shown to people choosing a view ("Tỉnh An Giang (2 cấp, từ 01/07/2025)"). */
  name: string;
  /** First day (yyyy-MM-dd) the tree is in force; the earliest geography also covers all dates before. */
  validFrom: string;
  source?: string;
  units: AdminUnit[];
  /** Absent only for the first geography. */
  predecessor?: GeographyPredecessor;
}

/** A unit code with the geography that gives it a meaning. */
export interface UnitRef {
  geographyId: string;
  code: string;
}

export const sameUnitRef = (a: UnitRef, b: UnitRef): boolean =>
  a.geographyId === b.geographyId && a.code === b.code;
