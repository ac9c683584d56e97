import type { Attendee, Participants } from './attendee.schema';

/** Every count of the participants block, total first: the order forms and reports show them. */
export const PARTICIPANT_KEYS = [
  'total',
  'female',
  'khmer',
  'hoa',
  'otherMinority',
  'poor',
  'nearPoor',
  'newlyOutOfPoverty',
  'officials',
] as const satisfies readonly (keyof Participants)[];

export const EMPTY_PARTICIPANTS: Participants = {
  total: 0,
  female: 0,
  khmer: 0,
  hoa: 0,
  otherMinority: 0,
  poor: 0,
  nearPoor: 0,
  newlyOutOfPoverty: 0,
  officials: 0,
};

/** Adds one attendee to a tally without touching the others: O(1) per attendee added. */
export function addToTally(tally: Participants, a: Attendee, sign: 1 | -1 = 1): Participants {
  return {
    total: tally.total + sign,
    female: tally.female + (a.sex === 'female' ? sign : 0),
    khmer: tally.khmer + (a.ethnicity === 'khmer' ? sign : 0),
    hoa: tally.hoa + (a.ethnicity === 'hoa' ? sign : 0),
    otherMinority: tally.otherMinority + (a.ethnicity === 'other' ? sign : 0),
    poor: tally.poor + (a.householdCategory === 'poor' ? sign : 0),
    nearPoor: tally.nearPoor + (a.householdCategory === 'near_poor' ? sign : 0),
    newlyOutOfPoverty:
      tally.newlyOutOfPoverty + (a.householdCategory === 'newly_out_of_poverty' ? sign : 0),
    officials: tally.officials + (a.isOfficial ? sign : 0),
  };
}

export function tallyAttendees(attendees: readonly Attendee[]): Participants {
  let tally = EMPTY_PARTICIPANTS;
  for (const a of attendees) tally = addToTally(tally, a);
  return tally;
}

export function sameParticipants(a: Participants, b: Participants): boolean {
  return (Object.keys(a) as (keyof Participants)[]).every((k) => a[k] === b[k]);
}
