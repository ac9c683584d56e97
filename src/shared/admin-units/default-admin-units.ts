import geography from '../geography/data/kien-giang-2024.geography.json';
import type { AdminUnit } from './admin-unit.schema';

/**
 * Kiên Giang's units as of 2024 (15 districts, 144 communes): the tree seeded by migration 0002,
 * before geographies were versioned (see ../geography/).
 */
export function defaultAdminUnits(): AdminUnit[] {
  return geography.units.map((unit) => ({ ...unit }));
}
