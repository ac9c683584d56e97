import { useEffect, useState } from 'react';
import type { Activity } from '../../../../shared/activity/activity.schema';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { newActivity } from '../../../../shared/activity/activity-factory';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { communeChoices } from '../../../../shared/geography/commune-choices';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import { activityOf } from '../../../db/activity-search';
import { useAppDb } from '../../../db/app-db-context';
import { useSession } from '../../auth/session-context';
import { loadGeographyCatalog } from '../../admin-units/store/admin-unit-store';
import { getActivity } from '../store/activity-store';
import { loadFormDraftWithRescue } from '../store/form-draft-store';

export type FormSource =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'failed'; error: Error }
  | {
      status: 'ready';
      values: Activity;
      isNew: boolean;
      resumed: boolean;
      catalog: GeographyCatalog;
    };

/**
 * Where a new activity dated `date` takes place by default: the officer's own commune, or the
 * only one their unit holds (or became) in the geography in force on that day.
 */
export function defaultPlace(
  catalog: GeographyCatalog,
  user: PublicUser,
  date: string,
): { geographyId: string; communeCode: string } {
  const { geographyId, communes } = communeChoices(
    catalog,
    { role: user.role, unit: { geographyId: user.geographyId, code: user.unitCode } },
    date,
  );
  const own = communes.find((c) => geographyId === user.geographyId && c.code === user.unitCode);
  const communeCode = own?.code ?? (communes.length === 1 ? communes[0]!.code : '');
  return { geographyId, communeCode };
}

/**
 * What the form opens with, read once: the autosaved draft if there is one (so nothing typed
 * is lost), else the stored activity, else (new form) a blank activity with the given id.
 */
export function useFormSource(id: string, newType: ActivityType | undefined): FormSource {
  const db = useAppDb();
  const { user } = useSession();
  const [source, setSource] = useState<FormSource>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [catalog, draft, stored] = await Promise.all([
        loadGeographyCatalog(db),
        loadFormDraftWithRescue(db, id),
        getActivity(db, id),
      ]);
      const type = stored?.type ?? draft?.type ?? newType;
      if (!type) return { status: 'notFound' } as const;
      const blank = {
        ...newActivity(type, {
          ...defaultPlace(catalog, user, todayInVietnam()),
          authorId: user.id,
          authorName: user.displayName,
        }),
        id,
      };
      const base: Activity = stored ? activityOf(stored) : blank;
      const ready = { status: 'ready', catalog } as const;
      if (draft) {
        const values = { ...base, ...(draft.values as Partial<Activity>), id, type } as Activity;
        return { ...ready, values, isNew: draft.isNew && !stored, resumed: true };
      }
      if (stored) return { ...ready, values: base, isNew: false, resumed: false };
      if (newType) return { ...ready, values: blank, isNew: true, resumed: false };
      return { status: 'notFound' } as const;
    })().then(
      (next) => !cancelled && setSource(next),
      (error: unknown) => !cancelled && setSource({ status: 'failed', error: error as Error }),
    );
    return () => {
      cancelled = true;
    };
  }, [db, id, newType, user]);

  return source;
}
