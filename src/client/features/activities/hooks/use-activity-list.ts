import { useLiveQuery } from 'dexie-react-hooks';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { useAppDb } from '../../../db/app-db-context';
import type { LocalActivity } from '../../../db/app-db';
import { countActivities, listActivities } from '../store/activity-store';

export interface ActivityListQuery {
  type?: ActivityType;
  month?: string;
  query?: string;
  /** Null while the unit filter is not known yet (the geographies are loading): no rows yet. */
  places?: ReadonlySet<string> | null;
  /** How many rows to show: the list grows page by page, never renders thousands at once. */
  limit: number;
}

/** Newest first, live: a save, a delete or a sync updates the list on screen. */
export function useActivityList({ type, month, query, places, limit }: ActivityListQuery) {
  const db = useAppDb();
  const rows = useLiveQuery<LocalActivity[] | undefined>(
    () => (places === null ? undefined : listActivities(db, { type, month, query, places, limit })),
    [db, type, month, query, places, limit],
  );
  const total = useLiveQuery(
    () => (places === null ? undefined : countActivities(db, { type, month, query, places })),
    [db, type, month, query, places],
  );
  return { rows, total };
}
