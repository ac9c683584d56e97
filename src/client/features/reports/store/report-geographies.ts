import { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { withReopen, type AppDb } from '../../../db/app-db';
import type { StoredGeography } from '../../../db/app-db-schema';
import { catalogOf } from '../../admin-units/store/admin-unit-store';

// The geographies a report is shown in: the ones this phone pulled (Dexie `geographies`), so a
// unit the province adds or corrects on the server shows in the geography switch, the unit
// picker and the offline commune report. Until the first pull the table holds only the 2024
// seed (rev 0): then the shipped geographies stand in, loaded with this screen's chunk only
// (~40 kB of unit trees, never in the first load).

let shipped: Promise<GeographyCatalog> | undefined;

export function loadShippedCatalog(): Promise<GeographyCatalog> {
  shipped ??= import('../../../../shared/geography/default-geographies').then(
    ({ defaultGeographies }) => new GeographyCatalog(defaultGeographies()),
  );
  return shipped;
}

export function readStoredGeographies(db: AppDb): Promise<StoredGeography[]> {
  return withReopen(db, () => db.geographies.toArray());
}

/** Has the phone pulled any geography yet? The seed alone does not count. */
export function hasPulledGeographies(stored: readonly StoredGeography[]): boolean {
  return stored.some((g) => g.rev > 0);
}

/** The stored catalog once pulled (a consistent chain of it, mid-pull), else null. */
export function storedReportCatalog(stored: readonly StoredGeography[]): GeographyCatalog | null {
  return hasPulledGeographies(stored) ? catalogOf(stored) : null;
}

/** The report catalog as of now: stored once pulled, else the shipped one. */
export async function loadReportCatalog(db: AppDb): Promise<GeographyCatalog> {
  return storedReportCatalog(await readStoredGeographies(db)) ?? loadShippedCatalog();
}
