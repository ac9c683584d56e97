import type { Activity } from '../../shared/activity/activity.schema';
import { activityTitle } from '../../shared/activity/activity-factory';
import { foldDiacritics } from '../../shared/text/fold-diacritics';
import { monthOf } from '../../shared/format/vi-format';
import type { ActivitySearchRow, LocalActivity, LocalMeta } from './app-db-schema';

// What an officer may type to find an activity: its title, where, who organised, spoke or
// chaired, who attended, notes, and the commune's name. Folded once at save time so a search
// over thousands of records is a substring scan of short strings.
export function activitySearchText(a: Activity, communeName: string | undefined): string {
  const parts: string[] = [activityTitle(a), a.place, a.organiser, a.notes, a.authorName];
  if (communeName) parts.push(communeName);
  for (const person of a.attendees) parts.push(person.fullName);
  switch (a.type) {
    case 'dialogue':
      parts.push(a.chair, a.officialsPresent);
      for (const q of a.questions) parts.push(q.content);
      break;
    case 'community_talk':
      parts.push(a.speaker);
      break;
    case 'printed_materials':
      parts.push(a.otherKindDescription);
      break;
    case 'emulation':
      parts.push(a.resourcesInKind);
      break;
    default:
      break;
  }
  return foldDiacritics(parts.filter(Boolean).join(' \u0001 '));
}

/** The key of where an activity happened: codes mean nothing without their geography. */
export const placeOf = (a: Pick<Activity, 'geographyId' | 'communeCode'>): string =>
  `${a.geographyId}|${a.communeCode}`;

/** The compact row the list and search read; `text` is activitySearchText(). */
export function searchRowOf(
  a: Activity,
  meta: Pick<LocalMeta, 'month' | 'deleted'>,
  text: string,
): ActivitySearchRow {
  return {
    id: a.id,
    type: a.type,
    month: meta.month,
    sortKey: `${a.date}|${a.id}`,
    deleted: meta.deleted,
    text,
    place: placeOf(a),
  };
}

/** The stored row: the record and its sync bookkeeping (the search text is in its search row). */
export function localRowOf(
  a: Activity,
  state: Pick<LocalMeta, 'serverRev' | 'pendingMutations' | 'deleted' | 'remote'>,
): LocalActivity {
  const localMeta: LocalMeta = {
    month: monthOf(a.date),
    serverRev: state.serverRev,
    pendingMutations: state.pendingMutations,
    deleted: state.deleted,
    ...(state.remote ? { remote: state.remote } : {}),
  };
  return { ...a, localMeta } as LocalActivity;
}

/** The record as the server knows it: local bookkeeping stripped. */
export function activityOf(row: LocalActivity): Activity {
  const { localMeta: _local, ...activity } = row;
  void _local;
  return activity as Activity;
}
