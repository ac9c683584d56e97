import type { Activity } from './activity.schema';

/**
 * Values valid for the schema but far beyond what one activity has: most likely a slip
 * ("1.500.000" pasted into the number of attendees). The form asks the officer to confirm them
 * before saving; they are not refused, a real exception stays possible.
 */
export const PLAUSIBLE_MAX = {
  'participants.total': 10_000,
  costVnd: 2_000_000_000,
  resourcesVnd: 100_000_000_000,
  commendedCollectives: 10_000,
  commendedIndividuals: 10_000,
  commendedHouseholds: 10_000,
  itemCount: 1_000,
  durationMinutes: 10_000,
  days: 90,
  'quantities.leaflet.printed': 1_000_000,
  'quantities.leaflet.distributed': 1_000_000,
  'quantities.document.printed': 1_000_000,
  'quantities.document.distributed': 1_000_000,
  'quantities.banner.printed': 10_000,
  'quantities.banner.distributed': 10_000,
  'quantities.other.printed': 1_000_000,
  'quantities.other.distributed': 1_000_000,
} as const satisfies Record<string, number>;

export type PlausibleField = keyof typeof PLAUSIBLE_MAX;

export interface Implausible {
  path: PlausibleField;
  value: number;
  limit: number;
}

/** The fields of a record whose value is above its plausible maximum, in the order above. */
export function implausibleValues(activity: Activity): Implausible[] {
  const found: Implausible[] = [];
  for (const [path, limit] of Object.entries(PLAUSIBLE_MAX) as [PlausibleField, number][]) {
    const value = valueAt(activity, path);
    if (typeof value === 'number' && value > limit) found.push({ path, value, limit });
  }
  return found;
}

function valueAt(record: unknown, path: string): unknown {
  let at: unknown = record;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
