// Three-way merge of one record, per top-level field. Pure: the sync service supplies the base
// (the version the writing device last knew), the stored version and the incoming one.

export type RecordData = Record<string, unknown>;

/** Fields that identify the record or its creation: always the stored value. */
const KEPT_FROM_CURRENT = new Set(['id', 'authorId', 'authorName', 'createdAt']);
/** The writer's own save time: always the incoming value, never a conflict. */
const TAKEN_FROM_INCOMING = new Set(['updatedAt']);

export interface MergeResult {
  merged: RecordData;
  /** Fields both sides changed to different values; the incoming value won. */
  conflicts: string[];
}

/**
 * Fields only the incoming side changed take its value, fields only the stored side changed keep
 * theirs, fields both changed take the incoming value (the later write) and are reported. With
 * no base every differing field counts as changed on both sides.
 */
export function mergeRecord(
  base: RecordData | null,
  current: RecordData,
  incoming: RecordData,
): MergeResult {
  const merged: RecordData = {};
  const conflicts: string[] = [];
  const keys = new Set([...Object.keys(current), ...Object.keys(incoming)]);
  for (const key of keys) {
    const value = mergeField(key, base, current, incoming, conflicts);
    if (value !== undefined) merged[key] = value;
  }
  return { merged, conflicts };
}

function mergeField(
  key: string,
  base: RecordData | null,
  current: RecordData,
  incoming: RecordData,
  conflicts: string[],
): unknown {
  const mine = incoming[key];
  const theirs = current[key];
  if (KEPT_FROM_CURRENT.has(key)) return theirs ?? mine;
  if (TAKEN_FROM_INCOMING.has(key) || sameValue(mine, theirs)) return mine;
  if (base !== null) {
    const original = base[key];
    if (sameValue(mine, original)) return theirs;
    if (sameValue(theirs, original)) return mine;
  }
  conflicts.push(key);
  return mine;
}

/** Fields where the two records differ (what a wholesale overwrite of `current` loses). */
export function differingFields(current: RecordData, incoming: RecordData): string[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(incoming)]);
  return [...keys].filter(
    (key) =>
      !KEPT_FROM_CURRENT.has(key) &&
      !TAKEN_FROM_INCOMING.has(key) &&
      !sameValue(current[key], incoming[key]),
  );
}

/** Structural equality of JSON values (object key order ignored, array order significant). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}
