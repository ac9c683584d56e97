import type { Activity } from '../activity/activity.schema';
import { activityTitle } from '../activity/activity-factory';
import { foldDiacritics } from '../text/fold-diacritics';

// What the server's records browser searches: title, place, organiser, author, speaker or chair,
// and the start of the notes — folded (no diacritics, lower case) so "doi thoai" finds "Đối
// thoại". Attendees' names stay out: they are personal data a province officer does not browse.
const NOTES_PREFIX = 300;

export function recordSearchText(a: Activity): string {
  const parts = [
    activityTitle(a),
    a.place,
    a.organiser,
    a.authorName,
    a.notes.slice(0, NOTES_PREFIX),
  ];
  if (a.type === 'dialogue') parts.push(a.chair);
  if (a.type === 'community_talk') parts.push(a.speaker);
  // A NUL is legal in a record's text (it stays in the JSON) but PostgreSQL refuses it in a text
  // column, so it never reaches the search column.
  return foldDiacritics(parts.filter(Boolean).join(' | ')).replaceAll('\u0000', ' ');
}
