import type { Activity } from '../activity/activity.schema';
import {
  FUNDING_SOURCES,
  MEDIA_CHANNELS,
  PRINTED_KINDS,
  type ActivityType,
  type FundingSource,
  type MediaChannel,
  type PrintedKind,
} from '../activity/activity-enums';

// The numbers one activity adds to the plan's reports, as a flat vector of named measures. The
// server keeps them as columns of `activities` (written in the push transaction, summed in SQL);
// the phone computes the same vector from its own records. One function, so both agree.

const printedMeasures = PRINTED_KINDS.flatMap(
  (k) => [`${k}_printed`, `${k}_distributed`] as const,
) as readonly `${PrintedKind}_${'printed' | 'distributed'}`[];
const mediaMeasures = MEDIA_CHANNELS.flatMap(
  (c) => [`media_${c}_items`, `media_${c}_minutes`] as const,
) as readonly `media_${MediaChannel}_${'items' | 'minutes'}`[];
const costMeasures = [...FUNDING_SOURCES, 'unspecified' as const].map(
  (s) => `cost_${s}` as const,
) as readonly `cost_${FundingSource | 'unspecified'}`[];

/** Every measure, in report order. Names are also the SQL column names. */
export const REPORT_MEASURES = [
  'activities',
  'participants_total',
  'participants_female',
  'participants_khmer',
  'participants_hoa',
  'participants_other_minority',
  'participants_poor',
  'participants_near_poor',
  'participants_newly_out_of_poverty',
  'participants_officials',
  ...printedMeasures,
  ...mediaMeasures,
  'trainees_poverty_officials',
  'trainees_reporters_editors',
  'trainees_others',
  /** Training days × 2: days come in halves, and integers sum exactly in every database. */
  'training_half_days',
  'commended_collectives',
  'commended_individuals',
  'commended_households',
  'resources_vnd',
  /** Activities that mobilised resources in kind (described in words on the record). */
  'resources_in_kind_activities',
  ...costMeasures,
  'questions_asked',
  'questions_follow_up',
] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];
export type Measures = Record<ReportMeasure, number>;

/** Measures stored per activity row; `activities` is the row count itself. */
export const STORED_MEASURES = REPORT_MEASURES.filter(
  (m): m is Exclude<ReportMeasure, 'activities'> => m !== 'activities',
);

// Parsed from JSON so V8 gives it a fixed shape (fromEntries makes a slow dictionary object);
// reports make and add thousands of these.
const ZERO: Measures = JSON.parse(
  JSON.stringify(Object.fromEntries(REPORT_MEASURES.map((m) => [m, 0]))),
) as Measures;

export function emptyMeasures(): Measures {
  return { ...ZERO };
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function addMeasures(into: Measures, from: Readonly<Measures>): Measures {
  for (const m of REPORT_MEASURES) into[m] += from[m];
  return into;
}

export function sumMeasures(items: Iterable<Readonly<Measures>>): Measures {
  const total = emptyMeasures();
  for (const item of items) addMeasures(total, item);
  return total;
}

/** The report dimensions of an activity besides its measures. */
export interface ActivityFacts {
  form: ActivityType;
  status: Activity['status'];
  date: string;
  communeCode: string;
  measures: Measures;
}

export function activityMeasures(a: Activity): Measures {
  const m = emptyMeasures();
  m.activities = 1;
  const p = a.participants;
  m.participants_total = p.total;
  m.participants_female = p.female;
  m.participants_khmer = p.khmer;
  m.participants_hoa = p.hoa;
  m.participants_other_minority = p.otherMinority;
  m.participants_poor = p.poor;
  m.participants_near_poor = p.nearPoor;
  m.participants_newly_out_of_poverty = p.newlyOutOfPoverty;
  m.participants_officials = p.officials;
  m[`cost_${a.costVnd > 0 ? (a.fundingSource ?? 'unspecified') : 'unspecified'}`] = a.costVnd;
  switch (a.type) {
    case 'printed_materials':
      for (const kind of PRINTED_KINDS) {
        m[`${kind}_printed`] = a.quantities[kind].printed;
        m[`${kind}_distributed`] = a.quantities[kind].distributed;
      }
      break;
    case 'mass_media':
      m[`media_${a.channel}_items`] = a.itemCount;
      m[`media_${a.channel}_minutes`] = a.durationMinutes;
      break;
    case 'training':
      m.trainees_poverty_officials = a.trainees.povertyOfficials;
      m.trainees_reporters_editors = a.trainees.reportersEditors;
      m.trainees_others = a.trainees.others;
      m.training_half_days = Math.round(a.days * 2);
      break;
    case 'emulation':
      m.commended_collectives = a.commendedCollectives;
      m.commended_individuals = a.commendedIndividuals;
      m.commended_households = a.commendedHouseholds;
      m.resources_vnd = a.resourcesVnd;
      m.resources_in_kind_activities = a.resourcesInKind.trim() === '' ? 0 : 1;
      break;
    case 'dialogue':
      m.questions_asked = a.questions.length;
      m.questions_follow_up = a.questions.filter((q) => q.needsFollowUp).length;
      break;
    default:
      break;
  }
  return m;
}

export function activityFacts(a: Activity): ActivityFacts {
  return {
    form: a.type,
    status: a.status,
    date: a.date,
    communeCode: a.communeCode,
    measures: activityMeasures(a),
  };
}
