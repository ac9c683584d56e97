import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
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
  // A query word may be in the form's name as the officer reads it (Vietnamese always counts).
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const typeNames = useMemo(
    () =>
      language === 'vi'
        ? undefined
        : Object.fromEntries(ACTIVITY_TYPES.map((k) => [k, t(`activityType.${k}`)])),
    [language, t],
  );
  const rows = useLiveQuery<LocalActivity[] | undefined>(
    () =>
      places === null
        ? undefined
        : listActivities(db, { type, month, query, places, limit, typeNames }),
    [db, type, month, query, places, limit, typeNames],
  );
  const total = useLiveQuery(
    () =>
      places === null ? undefined : countActivities(db, { type, month, query, places, typeNames }),
    [db, type, month, query, places, typeNames],
  );
  return { rows, total };
}
