import { useLiveQuery } from 'dexie-react-hooks';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { useAppDb } from '../../../db/app-db-context';
import { summariseMonth } from '../store/activity-store';

/** This month's activities by form, live (a save or a sync updates the home screen). */
export function useMonthSummary(month: string): Record<ActivityType, number> | undefined {
  const db = useAppDb();
  return useLiveQuery(() => summariseMonth(db, month), [db, month]);
}
