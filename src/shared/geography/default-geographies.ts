import kienGiang2024 from './data/kien-giang-2024.geography.json';
import anGiang2025 from './data/an-giang-2025.geography.json';
import type { Geography } from './geography';

/**
 * The geographies the server ships with (seeded by migrations; phones get them by pull). A later
 * geography is added as data with `npm run geography -- import`, not here. Checked against
 * geographySchema by a test rather than at run time.
 */
export function defaultGeographies(): Geography[] {
  return [kienGiang2024, anGiang2025].map((g) => structuredClone(g) as Geography);
}
