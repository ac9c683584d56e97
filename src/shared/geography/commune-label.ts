import type { UnitRef } from './geography';
import type { GeographyCatalog } from './geography-catalog';

export interface CommuneLabel {
  /** The name in the record's own geography: a 2024 record of 30742 stays "Phường Vĩnh Bảo". */
  name: string;
  /** The commune it belongs to on `today`, when that is another unit: "(nay là Phường Rạch Giá)". */
  presentName?: string;
}

/** How to name a record's commune: as it was, and what it is now if that changed. */
export function communeLabel(catalog: GeographyCatalog, ref: UnitRef, today: string): CommuneLabel {
  const unit = catalog.has(ref.geographyId) ? catalog.unit(ref) : undefined;
  if (!unit) return { name: ref.code };
  const present = catalog.communeOn(ref, today);
  if (!present || present.geographyId === ref.geographyId) return { name: unit.name };
  const presentName = catalog.unit(present)?.name;
  return presentName && presentName !== unit.name
    ? { name: unit.name, presentName }
    : { name: unit.name };
}
