import { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { defaultAdminUnits } from '../../../../shared/admin-units/default-admin-units';
import { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { seedGeography, withReopen, type AppDb } from '../../../db/app-db';
import type { StoredGeography } from '../../../db/app-db-schema';
import type { Agency } from '../../../../shared/agencies/agency';

/** The legacy 2024 unit tree (seeded on first open, updated by sync). */
export async function loadAdminUnitTree(db: AppDb): Promise<AdminUnitTree> {
  const units = await withReopen(db, () => db.adminUnits.toArray());
  return new AdminUnitTree(units.length > 0 ? units : defaultAdminUnits());
}

let cached: { key: string; catalog: GeographyCatalog } | undefined;

/**
 * Every geography this phone knows (the 2024 seed, then whatever the pull brought), as one
 * catalog. Built once per set of stored versions: screens ask often, the data changes rarely.
 */
export async function loadGeographyCatalog(db: AppDb): Promise<GeographyCatalog> {
  const stored = await withReopen(db, () => db.geographies.toArray());
  return catalogOf(stored);
}

export function catalogOf(stored: readonly StoredGeography[]): GeographyCatalog {
  const rows = stored.length > 0 ? stored : [seedGeography()];
  const key = rows
    .map((g) => `${g.id}@${g.rev}`)
    .sort()
    .join(',');
  if (cached?.key === key) return cached.catalog;
  let catalog: GeographyCatalog;
  try {
    catalog = new GeographyCatalog(rows);
  } catch {
    // The server checks every geography before publishing it, so this is a phone halfway
    // through a pull of a chain it has only part of: keep to what forms a consistent chain.
    catalog = consistentPrefix(rows);
  }
  cached = { key, catalog };
  return catalog;
}

function consistentPrefix(rows: readonly StoredGeography[]): GeographyCatalog {
  const ordered = [...rows].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  let best = new GeographyCatalog([seedGeography()]);
  for (let n = 1; n <= ordered.length; n++) {
    try {
      best = new GeographyCatalog(ordered.slice(0, n));
    } catch {
      break;
    }
  }
  return best;
}

/** The organising agencies the phone has pulled (reference data, edited by the province). */
export async function loadAgencies(db: AppDb): Promise<Agency[]> {
  const rows = await withReopen(db, () => db.agencies.toArray());
  return rows.map(({ rev: _rev, ...agency }) => agency);
}
