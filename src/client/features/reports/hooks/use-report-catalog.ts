import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { useAppDb } from '../../../db/app-db-context';
import {
  loadShippedCatalog,
  readStoredGeographies,
  storedReportCatalog,
} from '../store/report-geographies';

/**
 * The geographies reports are shown in, live: a pull that brings a new or corrected geography
 * changes the screens at once. Undefined while they load.
 */
export function useReportCatalog(): GeographyCatalog | undefined {
  const db = useAppDb();
  const stored = useLiveQuery(() => readStoredGeographies(db), [db]);
  const fromStore = useMemo(() => (stored ? storedReportCatalog(stored) : undefined), [stored]);
  const [shipped, setShipped] = useState<GeographyCatalog>();
  const needShipped = fromStore === null;
  useEffect(() => {
    if (!needShipped) return;
    let live = true;
    void loadShippedCatalog().then((c) => live && setShipped(c));
    return () => {
      live = false;
    };
  }, [needShipped]);
  return fromStore === null ? shipped : fromStore;
}
