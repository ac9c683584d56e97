import { useLiveQuery } from 'dexie-react-hooks';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { useAppDb } from '../../../db/app-db-context';
import type { LocalActivity } from '../../../db/app-db';
import { countActivities, listActivities } from '../store/activity-store';

export interface ActivityListQuery {
  type?: ActivityType;
  month?: string;
  query?: string;
  /** How many rows to show: the list grows page by page, never renders thousands at once. */
  limit: number;
}

/** Newest first, live: a save, a delete or a sync updates the list on screen. */
export function useActivityList({ type, month, query, limit }: ActivityListQuery) {
  const db = useAppDb();
  const rows = useLiveQuery<LocalActivity[]>(
    () => listActivities(db, { type, month, query, limit }),
    [db, type, month, query, limit],
  );
  const total = useLiveQuery(
    () => countActivities(db, { type, month, query }),
    [db, type, month, query],
  );
  return { rows, total };
}
