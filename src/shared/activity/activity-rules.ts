import type { Activity } from './activity.schema';
import { V, type ValidationMessageKey } from '../validation/messages';
import { todayInVietnam } from '../format/vi-format';
import { PARTICIPANT_KEYS, sameParticipants, tallyAttendees } from './attendance-tally';

export interface RuleIssue {
  path: (string | number)[];
  message: ValidationMessageKey;
}

/** The latest possible year of birth of someone at an activity: this year, in Vietnam. */
export function latestBirthYear(now: number = Date.now()): number {
  return Number(todayInVietnam(now).slice(0, 4));
}

// Cross-field rules that catch real mistakes. Numbers must always be consistent, even in a
// draft; "required" content only applies once the officer marks the record complete, so a
// half-filled draft can be kept (and synced) without being invalid.
export function refineActivity(a: Activity, now: number = Date.now()): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], message: ValidationMessageKey) =>
    issues.push({ path, message });
  const today = todayInVietnam(now);

  if (a.date > today) add(['date'], V.futureDate);
  if (a.endDate) {
    if (a.endDate < a.date) add(['endDate'], V.endBeforeStart);
    else if (a.endDate > today) add(['endDate'], V.futureDate);
  }

  const p = a.participants;
  // The sub-counts are only compared with a total that is itself a valid count: a total of -5
  // is one error on the total, not one on every field holding 0.
  if (isCount(p.total)) {
    const over = PARTICIPANT_KEYS.filter((key) => key !== 'total' && p[key] > p.total);
    for (const key of over) add(['participants', key], V.exceedsTotal);
    blameSum('participants', p.total, p, ['khmer', 'hoa', 'otherMinority'], over, add);
    blameSum('participants', p.total, p, ['poor', 'nearPoor', 'newlyOutOfPoverty'], over, add);
  }
  if (a.attendanceMode === 'list' && !sameParticipants(p, tallyAttendees(a.attendees))) {
    add(['participants', 'total'], V.listMismatch);
  }
  if (a.costVnd > 0 && !a.fundingSource) add(['fundingSource'], V.fundingSourceRequired);
  const lastYear = latestBirthYear(now);
  a.attendees.forEach((person, i) => {
    if (person.birthYear > lastYear) add(['attendees', i, 'birthYear'], V.birthYearRange);
  });

  if (a.type === 'training' && isCount(p.total)) {
    blameSum(
      'trainees',
      p.total,
      a.trainees,
      ['povertyOfficials', 'reportersEditors', 'others'],
      [],
      add,
    );
  }

  if (a.status === 'complete') requireCompleteFields(a, add);
  return issues;
}

function requireCompleteFields(
  a: Activity,
  add: (path: (string | number)[], message: ValidationMessageKey) => void,
): void {
  if (a.themes.length === 0) add(['themes'], V.chooseOne);
  if (a.targetGroups.length === 0) add(['targetGroups'], V.chooseOne);
  if (!a.organiser) add(['organiser'], V.required);
  switch (a.type) {
    case 'dialogue':
      if (!a.topic) add(['topic'], V.required);
      if (!a.chair) add(['chair'], V.required);
      break;
    case 'community_talk':
      if (!a.topic) add(['topic'], V.required);
      if (!a.speaker) add(['speaker'], V.required);
      break;
    case 'printed_materials': {
      const q = a.quantities;
      const any = [q.leaflet, q.document, q.banner, q.other].some(
        (x) => x.printed + x.distributed > 0,
      );
      if (!any) add(['quantities', 'leaflet', 'printed'], V.atLeastOneQuantity);
      if (q.other.printed + q.other.distributed > 0 && !a.otherKindDescription) {
        add(['otherKindDescription'], V.required);
      }
      break;
    }
    case 'mass_media':
      if (!a.title) add(['title'], V.required);
      if (a.itemCount === 0) add(['itemCount'], V.positive);
      break;
    case 'training':
      if (!a.topic) add(['topic'], V.required);
      if (a.days === 0) add(['days'], V.positive);
      break;
    case 'emulation':
      if (!a.title) add(['title'], V.required);
      break;
    case 'other':
      if (!a.title) add(['title'], V.required);
      break;
  }
  // Only a total of exactly 0 is "missing": a negative one already has its own error.
  if (a.type !== 'printed_materials' && a.type !== 'mass_media' && a.participants.total === 0) {
    add(['participants', 'total'], V.positive);
  }
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/**
 * Groups that may not add up to more than the total (ethnicities, household categories, trainee
 * roles): blame ONE field, the last non-zero one in form order (the entry that tipped the sum
 * over), never a field holding 0; and nothing when one member is already flagged alone.
 */
function blameSum<K extends string>(
  group: string,
  total: number,
  counts: Record<K, number>,
  keys: readonly K[],
  alreadyFlagged: readonly string[],
  add: (path: (string | number)[], message: ValidationMessageKey) => void,
): void {
  if (keys.some((k) => alreadyFlagged.includes(k))) return;
  const values = keys.map((k) => counts[k]);
  if (!values.every(isCount)) return;
  if (values.reduce((sum, n) => sum + n, 0) <= total) return;
  const culprit = [...keys].reverse().find((k) => counts[k] > 0);
  if (culprit) add([group, culprit], V.sumExceedsTotal);
}

const REQUIRED_BY_TYPE: Record<Activity['type'], readonly string[]> = {
  dialogue: ['topic', 'chair', 'participants.total'],
  community_talk: ['topic', 'speaker', 'participants.total'],
  printed_materials: [],
  mass_media: ['channel', 'title', 'itemCount'],
  training: ['topic', 'days', 'participants.total'],
  emulation: ['kind', 'title', 'participants.total'],
  other: ['title', 'participants.total'],
};

/**
 * The fields a complete record of this type must have (the form marks them in their labels);
 * a test checks that emptying each one is refused by the rules above or the schema.
 */
export function requiredFields(type: Activity['type']): readonly string[] {
  return ['date', 'communeCode', 'organiser', 'themes', 'targetGroups', ...REQUIRED_BY_TYPE[type]];
}
