import { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import { defaultGeographies } from '../../../shared/geography/default-geographies';
import { KIEN_GIANG_2024 } from '../../../shared/geography/geography-ids';

// The geographies reports are computed in. Built once from the shipped data; when geographies are
// loaded from the database (issue 9's server part) this is the one place to switch over.
let catalog: GeographyCatalog | undefined;

export function reportCatalog(): GeographyCatalog {
  catalog ??= new GeographyCatalog(defaultGeographies());
  return catalog;
}

/** The geography account units are codes of (the server's unit tree is still Kiên Giang 2024). */
export const ACCOUNT_GEOGRAPHY = KIEN_GIANG_2024;
