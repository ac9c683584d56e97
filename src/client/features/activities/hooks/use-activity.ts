import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useAppDb } from '../../../db/app-db-context';
import type { LocalActivity } from '../../../db/app-db';
import { deleteActivity, getActivity } from '../store/activity-store';

/** One activity, live; undefined while loading, null when it is not (or no longer) on the device. */
export function useActivity(id: string): LocalActivity | null | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => (await getActivity(db, id)) ?? null, [db, id]);
}

export function useDeleteActivity(): (id: string) => Promise<boolean> {
  const db = useAppDb();
  return useCallback((id: string) => deleteActivity(db, id), [db]);
}
