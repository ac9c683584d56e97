import type { Activity } from './activity.schema';
import { V, type ValidationMessageKey } from '../validation/messages';
import { todayInVietnam } from '../format/vi-format';
import { PARTICIPANT_KEYS, sameParticipants, tallyAttendees } from './attendance-tally';

export interface RuleIssue {
  path: (string | number)[];
  message: ValidationMessageKey;
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
  for (const key of PARTICIPANT_KEYS) {
    if (key === 'total') continue;
    if (p[key] > p.total) add(['participants', key], V.exceedsTotal);
  }
  if (p.khmer + p.hoa + p.otherMinority > p.total)
    add(['participants', 'otherMinority'], V.sumExceedsTotal);
  if (p.poor + p.nearPoor + p.newlyOutOfPoverty > p.total) {
    add(['participants', 'newlyOutOfPoverty'], V.sumExceedsTotal);
  }
  if (a.attendanceMode === 'list' && !sameParticipants(p, tallyAttendees(a.attendees))) {
    add(['participants', 'total'], V.listMismatch);
  }
  if (a.costVnd > 0 && !a.fundingSource) add(['fundingSource'], V.fundingSourceRequired);

  if (a.type === 'training') {
    const t = a.trainees;
    if (t.povertyOfficials + t.reportersEditors + t.others > p.total) {
      add(['trainees', 'others'], V.sumExceedsTotal);
    }
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
      if (a.itemCount < 1) add(['itemCount'], V.positive);
      break;
    case 'training':
      if (!a.topic) add(['topic'], V.required);
      if (a.days <= 0) add(['days'], V.positive);
      break;
    case 'emulation':
      if (!a.title) add(['title'], V.required);
      break;
    case 'other':
      if (!a.title) add(['title'], V.required);
      break;
  }
  if (a.type !== 'printed_materials' && a.type !== 'mass_media' && a.participants.total < 1) {
    add(['participants', 'total'], V.positive);
  }
}
