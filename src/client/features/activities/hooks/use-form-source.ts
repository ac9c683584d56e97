import { useEffect, useState } from 'react';
import type { Activity } from '../../../../shared/activity/activity.schema';
import type { ActivityType } from '../../../../shared/activity/activity-enums';
import { newActivity } from '../../../../shared/activity/activity-factory';
import type { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { activityOf } from '../../../db/activity-search';
import { useAppDb } from '../../../db/app-db-context';
import { useSession } from '../../auth/session-context';
import { loadAdminUnitTree } from '../../admin-units/store/admin-unit-store';
import { getActivity } from '../store/activity-store';
import { loadFormDraft } from '../store/form-draft-store';

export type FormSource =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'failed'; error: Error }
  | { status: 'ready'; values: Activity; isNew: boolean; resumed: boolean; tree: AdminUnitTree };

/** The default place of a new activity: the officer's own commune, or the only one below them. */
export function defaultCommune(tree: AdminUnitTree, unitCode: string): string {
  if (tree.isLeaf(unitCode)) return unitCode;
  const leaves = tree.get(unitCode) ? tree.leavesUnder(unitCode) : [];
  return leaves.length === 1 ? leaves[0]!.code : '';
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
      const [tree, draft, stored] = await Promise.all([
        loadAdminUnitTree(db),
        loadFormDraft(db, id),
        getActivity(db, id),
      ]);
      const type = stored?.type ?? draft?.type ?? newType;
      if (!type) return { status: 'notFound' } as const;
      const blank = {
        ...newActivity(type, {
          communeCode: defaultCommune(tree, user.unitCode),
          authorId: user.id,
          authorName: user.displayName,
        }),
        id,
      };
      const base: Activity = stored ? activityOf(stored) : blank;
      if (draft) {
        const values = { ...base, ...(draft.values as Partial<Activity>), id, type } as Activity;
        return {
          status: 'ready',
          values,
          isNew: draft.isNew && !stored,
          resumed: true,
          tree,
        } as const;
      }
      if (stored)
        return { status: 'ready', values: base, isNew: false, resumed: false, tree } as const;
      if (newType)
        return { status: 'ready', values: blank, isNew: true, resumed: false, tree } as const;
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
