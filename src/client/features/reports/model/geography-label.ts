import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';

/**
 * How the report's geography switch names a map: by its own name, which is data ("Tỉnh Kiên
 * Giang (3 cấp, trước 01/07/2025)"), and "— hiện hành" for the one in force `today` — not the
 * newest one, which may have been imported ahead of its day.
 */
export function geographyLabel(
  catalog: GeographyCatalog,
  id: string,
  today: string,
  t: (key: string, values?: Record<string, string>) => string,
): string {
  const name = catalog.get(id)?.name ?? id;
  return catalog.inForceOn(today).id === id ? t('reports.geographyInForce', { name }) : name;
}
