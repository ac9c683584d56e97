import { useEffect, useState } from 'react';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { loadReportCatalog } from '../store/report-geographies';

/** The geographies reports are shown in; undefined while they load. */
export function useReportCatalog(): GeographyCatalog | undefined {
  const [catalog, setCatalog] = useState<GeographyCatalog>();
  useEffect(() => {
    let live = true;
    void loadReportCatalog().then((c) => live && setCatalog(c));
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}
