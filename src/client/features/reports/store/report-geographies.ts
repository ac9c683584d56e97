import { GeographyCatalog } from '../../../../shared/geography/geography-catalog';

// The geographies a report is shown in. The shipped ones, loaded with this screen's chunk only
// (they are ~40 kB of unit trees): the phone computes its commune's report offline with them.
// When the phone keeps the geographies it pulls (issue 9), this is the one place to switch to
// the stored ones.
let catalog: Promise<GeographyCatalog> | undefined;

export function loadReportCatalog(): Promise<GeographyCatalog> {
  catalog ??= import('../../../../shared/geography/default-geographies').then(
    ({ defaultGeographies }) => new GeographyCatalog(defaultGeographies()),
  );
  return catalog;
}
