import dataset from './kien-giang-units-2024.json';
import { adminUnitDatasetSchema, type AdminUnit } from './admin-unit.schema';

/** Kiên Giang's units as of 2024 (15 districts, 144 communes): the default reference data. */
export function defaultAdminUnits(): AdminUnit[] {
  return adminUnitDatasetSchema.parse(dataset).units;
}
