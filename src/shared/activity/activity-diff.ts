import { PARTICIPANT_KEYS } from './attendance-tally';
import { PRINTED_KINDS } from './activity-enums';
import {
  attendees,
  collectionValues,
  date,
  enumLabel,
  enumLabels,
  gps,
  number,
  photos,
  plain,
  questions,
  text,
  type Collection,
  type DiffContext,
  type Format,
} from './activity-diff-format';

// What changed between two stored versions of an activity, field by field, in the words of the
// activity form: "Ngày thực hiện: 01/05/2025 → 03/05/2025". Pure (no i18n library): the labels
// are catalogue keys, the values are formatted through the caller's `t`. Versions are read as
// plain objects, since history may hold records of an older shape.

export interface FieldChange {
  /** Where in the record: 'date', 'participants.female', 'quantities.leaflet.printed'. */
  field: string;
  /** Catalogue key of the label the activity form shows for it. */
  labelKey: string;
  /** Catalogue key of the group it belongs to (the printed kind), shown before the label. */
  groupKey?: string;
  /** The value for people; '' when empty. */
  before: string;
  after: string;
}

type Fields = Record<string, unknown>;

interface Entry {
  field: string;
  labelKey: string;
  groupKey?: string;
  read: (record: Fields) => unknown;
  format?: Format;
  /** Compared as sets (the order of ticked boxes means nothing). */
  unordered?: boolean;
  collection?: Collection;
}

const at =
  (...path: string[]) =>
  (record: Fields): unknown =>
    path.reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Fields)[key] : undefined,
      record,
    );

const simple = (field: string, labelKey: string, format: Format = text): Entry => ({
  field,
  labelKey,
  read: at(field),
  format,
});

const TOPIC_LABEL: Record<string, string> = {
  dialogue: 'field.topic',
  community_talk: 'field.talkTopic',
  training: 'field.trainingTopic',
};
const TITLE_LABEL: Record<string, string> = {
  printed_materials: 'field.printedTitle',
  mass_media: 'field.mediaTitle',
  emulation: 'field.emulationTitle',
  other: 'field.otherTitle',
};

/** The fields in the order the form shows them; labels depend on the record's form. */
function entriesFor(type: string): Entry[] {
  const commune: Entry = {
    field: 'communeCode',
    labelKey: 'field.communeCode',
    read: (r) => (r.communeCode === undefined ? undefined : [r.geographyId, r.communeCode]),
    format: (value, ctx) => {
      if (!Array.isArray(value)) return plain(value, ctx);
      const [geographyId, code] = value.map(String);
      return ctx.unitName?.(geographyId ?? '', code ?? '') ?? code ?? '';
    },
  };
  return [
    simple('type', 'activityList.type', enumLabel('activityType')),
    simple('status', 'field.status', enumLabel('status')),
    simple('date', 'field.date', date),
    simple('endDate', 'field.endDate', date),
    commune,
    simple('place', 'field.place'),
    simple('location', 'field.location', gps),
    simple('organiser', 'field.organiser'),
    { ...simple('themes', 'field.themes', enumLabels('theme')), unordered: true },
    { ...simple('targetGroups', 'field.targetGroups', enumLabels('targetGroup')), unordered: true },
    simple('topic', TOPIC_LABEL[type] ?? 'field.topic'),
    simple('title', TITLE_LABEL[type] ?? 'field.otherTitle'),
    simple('chair', 'field.chair'),
    simple('officialsPresent', 'field.officialsPresent'),
    simple('speaker', 'field.speaker'),
    ...PRINTED_KINDS.flatMap((kind) =>
      (['printed', 'distributed'] as const).map((measure) => ({
        field: `quantities.${kind}.${measure}`,
        labelKey: `field.${measure}`,
        groupKey: `printedKind.${kind}`,
        read: at('quantities', kind, measure),
        format: number,
      })),
    ),
    simple('otherKindDescription', 'field.otherKindDescription'),
    simple('channel', 'field.channel', enumLabel('mediaChannel')),
    simple('itemCount', 'field.itemCount', number),
    simple('durationMinutes', 'field.durationMinutes', number),
    simple('link', 'field.link'),
    simple('days', 'field.days', number),
    ...(['povertyOfficials', 'reportersEditors', 'others'] as const).map((role) => ({
      field: `trainees.${role}`,
      labelKey: `field.trainees.${role}`,
      read: at('trainees', role),
      format: number,
    })),
    simple('kind', 'field.emulationKind', enumLabel('emulationKind')),
    simple('commendedCollectives', 'field.commendedCollectives', number),
    simple('commendedIndividuals', 'field.commendedIndividuals', number),
    simple('commendedHouseholds', 'field.commendedHouseholds', number),
    simple('resourcesVnd', 'field.resourcesVnd', number),
    simple('resourcesInKind', 'field.resourcesInKind'),
    {
      field: 'questions',
      labelKey: 'activityDetail.questions',
      read: at('questions'),
      collection: questions,
    },
    simple('attendanceMode', 'attendance.mode', (value, ctx) =>
      value === 'counts' || value === 'list'
        ? ctx.t(value === 'counts' ? 'attendance.modeCounts' : 'attendance.modeList')
        : plain(value, ctx),
    ),
    ...PARTICIPANT_KEYS.map((key) => ({
      field: `participants.${key}`,
      labelKey: `field.participants.${key}`,
      read: at('participants', key),
      format: number,
    })),
    {
      field: 'attendees',
      labelKey: 'activityDetail.attendees',
      read: at('attendees'),
      collection: attendees,
    },
    simple('costVnd', 'field.costVnd', number),
    simple('fundingSource', 'field.fundingSource', enumLabel('fundingSource')),
    simple('notes', 'field.notes'),
    { field: 'photos', labelKey: 'photos.title', read: at('photos'), collection: photos },
  ];
}

/** Kept by the system, not typed by the officer: never listed as a change. */
const NOT_SHOWN = new Set([
  'id',
  'geographyId',
  'authorId',
  'authorName',
  'createdAt',
  'updatedAt',
]);
const NESTED = new Set(['quantities', 'trainees', 'participants']);

function same(a: unknown, b: unknown, unordered = false): boolean {
  if (unordered && Array.isArray(a) && Array.isArray(b)) {
    return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  }
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function asFields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : {};
}

/**
 * The fields that differ from `before` to `after` (`before` null: the first version, every
 * filled field), in the form's order, each with its label key and both values for people.
 */
export function activityDiff(before: unknown, after: unknown, ctx: DiffContext): FieldChange[] {
  const a = asFields(before);
  const b = asFields(after);
  const type = typeof b.type === 'string' ? b.type : String(a.type ?? '');
  const entries = entriesFor(type);
  const changes: FieldChange[] = [];
  for (const entry of entries) {
    const was = entry.read(a);
    const now = entry.read(b);
    if (same(was, now, entry.unordered)) continue;
    const [beforeText, afterText] = entry.collection
      ? collectionValues(entry.collection, was, now, ctx)
      : [(entry.format ?? plain)(was, ctx), (entry.format ?? plain)(now, ctx)];
    changes.push({
      field: entry.field,
      labelKey: entry.labelKey,
      ...(entry.groupKey ? { groupKey: entry.groupKey } : {}),
      before: beforeText,
      after: afterText,
    });
  }
  // A field this code does not know yet (a newer record shape) still shows that it changed.
  const known = new Set([...entries.map((e) => e.field.split('.')[0]), ...NOT_SHOWN, ...NESTED]);
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (known.has(key) || same(a[key], b[key])) continue;
    changes.push({
      field: key,
      labelKey: 'history.otherField',
      before: plain(a[key], ctx),
      after: plain(b[key], ctx),
    });
  }
  return changes;
}

/** "Tờ rơi – Số lượng in": the change's label as the form words it. */
export function changeLabel(change: FieldChange, t: DiffContext['t']): string {
  return change.groupKey ? `${t(change.groupKey)} – ${t(change.labelKey)}` : t(change.labelKey);
}

/**
 * The form's label of a field the server names by its path ('place', 'participants.female',
 * 'attendees.2.fullName': the closest field that holds it), never the path itself.
 */
export function fieldLabelOf(type: string | undefined, path: string, t: DiffContext['t']): string {
  const entries = entriesFor(type ?? '');
  const entry =
    entries.find((e) => e.field === path) ??
    entries
      .filter((e) => path.startsWith(`${e.field}.`))
      .sort((a, b) => b.field.length - a.field.length)[0];
  if (!entry) return t('history.otherField');
  return changeLabel({ ...entry, before: '', after: '' }, t);
}

/**
 * A value another device's write replaced (a merge's conflict on the top-level field `path`),
 * as the form shows it, one line per field of the form: only where it differs from the record
 * as it is now (`current`, when the phone has it), else every filled field of it.
 */
export function replacedValues(
  path: string,
  lost: unknown,
  current: Record<string, unknown> | undefined,
  ctx: DiffContext,
): { label: string; value: string }[] {
  if (path === 'deleted') return [{ label: ctx.t('history.deleted'), value: '' }];
  const type = typeof current?.type === 'string' ? current.type : undefined;
  const base = type ? { type, geographyId: current?.geographyId } : {};
  const before = { ...base, [path]: lost };
  const changes = activityDiff(before, { ...base, [path]: current?.[path] }, ctx);
  // Without the record (or equal to it now): what was filled in, not a list of zeros.
  const shown =
    changes.length > 0
      ? changes
      : activityDiff(before, base, ctx).filter((c) => c.before !== '0' && c.before !== '');
  if (shown.length === 0) return [{ label: fieldLabelOf(type, path, ctx.t), value: '' }];
  return shown.map((change) => ({ label: changeLabel(change, ctx.t), value: change.before }));
}
