import dataset from './kien-giang-units-2024.json';
import type { AdminUnit } from './admin-unit.schema';

/**
 * Kiên Giang's units as of 2024 (15 districts, 144 communes): the default reference data.
 * The file is checked against adminUnitDatasetSchema by a test rather than at run time, which
 * would put zod on the app's first load.
 */
export function defaultAdminUnits(): AdminUnit[] {
  return dataset.units.map((unit) => ({ ...unit }));
}
