import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useAppDb } from '../../../db/app-db-context';
import type { FormDraft } from '../../../db/app-db';
import { discardFormDraft, listFormDrafts } from '../store/form-draft-store';

/** Unfinished forms (autosaved), newest first, with a way to throw one away. */
export function useFormDrafts(): {
  drafts: FormDraft[] | undefined;
  discard: (id: string) => Promise<void>;
} {
  const db = useAppDb();
  const drafts = useLiveQuery(() => listFormDrafts(db), [db]);
  const discard = useCallback((id: string) => discardFormDraft(db, id), [db]);
  return { drafts, discard };
}
