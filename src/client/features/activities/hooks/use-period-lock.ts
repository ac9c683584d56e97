import { useLiveQuery } from 'dexie-react-hooks';
import type { LockedPlace } from '../../../../shared/reports/report-submission';
import { useAppDb } from '../../../db/app-db-context';
import type { StoredPeriodLock } from '../../../db/app-db-schema';
import { periodLockOf } from '../../../db/period-locks';

/**
 * The submitted period report that freezes a record with this place and date (as last pulled),
 * live; null when none, undefined while loading or without a place.
 */
export function usePeriodLock(place: LockedPlace | undefined): StoredPeriodLock | null | undefined {
  const db = useAppDb();
  return useLiveQuery(
    async () => (place ? ((await periodLockOf(db, place)) ?? null) : undefined),
    [db, place?.geographyId, place?.communeCode, place?.date],
  );
}
