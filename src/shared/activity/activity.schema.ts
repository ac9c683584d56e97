import { z } from 'zod';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  ATTENDANCE_MODES,
  CONTENT_THEMES,
  EMULATION_KINDS,
  FUNDING_SOURCES,
  MEDIA_CHANNELS,
  TARGET_GROUPS,
} from './activity-enums';
import { V } from '../validation/messages';
import { attendeeSchema, countSchema, participantsSchema } from './attendee.schema';
import { activityPhotosSchema } from '../photos/photo.schema';

// One schema per activity type, joined in a discriminated union on `type`. This file (with
// attendee.schema.ts, and activity-record.schema.ts for the cross-field rules) is the single
// source of truth: the forms (zodResolver), the Dexie table type, the API validation and the
// OpenAPI description all derive from it.

export const isoDateSchema = z.iso.date({ error: V.invalidDate });
export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: V.invalidDate });
const text = (max: number) => z.string().trim().max(max, { error: V.tooLong });

export const geoPositionSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0),
  capturedAt: isoDateTimeSchema,
});
export type GeoPosition = z.infer<typeof geoPositionSchema>;

/** Fields every activity has, whatever its form. */
export const activityBaseShape = {
  id: z.uuid(),
  status: z.enum(ACTIVITY_STATUSES),
  date: isoDateSchema,
  endDate: isoDateSchema.optional(),
  /**
   * The geography `communeCode` belongs to (codes are reused between geographies, see
   * docs/geography.md): the one in force on `date` when the record was made.
   */
  geographyId: z.string().min(1).max(60),
  /** Code of the commune or ward where it took place: a leaf of its geography's tree. */
  communeCode: z.string().trim().min(1, { error: V.required }).max(20),
  place: text(300),
  location: geoPositionSchema.optional(),
  /** Organising agency, as the officer names it (agency names change; see reference data). */
  organiser: text(200),
  themes: z.array(z.enum(CONTENT_THEMES)).max(CONTENT_THEMES.length),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length),
  attendanceMode: z.enum(ATTENDANCE_MODES),
  participants: participantsSchema,
  attendees: z.array(attendeeSchema).max(5000),
  costVnd: countSchema,
  fundingSource: z.enum(FUNDING_SOURCES).optional(),
  notes: text(4000),
  /** Evidence photos (metadata only; the bytes are uploaded by hash). Absent = none. */
  photos: activityPhotosSchema.optional(),
  authorId: z.string().max(100),
  authorName: text(200),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
};

export const dialogueQuestionSchema = z.object({
  id: z.string().min(1),
  content: z.string().trim().min(1, { error: V.required }).max(2000, { error: V.tooLong }),
  answer: text(2000),
  needsFollowUp: z.boolean(),
});
export type DialogueQuestion = z.infer<typeof dialogueQuestionSchema>;

export const dialogueSchema = z.object({
  ...activityBaseShape,
  type: z.literal('dialogue'),
  topic: text(300),
  chair: text(200),
  officialsPresent: text(1000),
  questions: z.array(dialogueQuestionSchema).max(500),
});

export const communityTalkSchema = z.object({
  ...activityBaseShape,
  type: z.literal('community_talk'),
  topic: text(300),
  speaker: text(200),
});

const printedQuantitySchema = z.object({ printed: countSchema, distributed: countSchema });
export const printedMaterialsSchema = z.object({
  ...activityBaseShape,
  type: z.literal('printed_materials'),
  title: text(300),
  quantities: z.object({
    leaflet: printedQuantitySchema,
    document: printedQuantitySchema,
    banner: printedQuantitySchema,
    other: printedQuantitySchema,
  }),
  otherKindDescription: text(200),
});

export const massMediaSchema = z.object({
  ...activityBaseShape,
  type: z.literal('mass_media'),
  channel: z.enum(MEDIA_CHANNELS, { error: V.required }),
  title: text(300),
  itemCount: countSchema,
  durationMinutes: countSchema,
  link: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: V.invalidUrl })]).optional(),
});

export const trainingSchema = z.object({
  ...activityBaseShape,
  type: z.literal('training'),
  topic: text(300),
  days: z
    .number({ error: V.number })
    .min(0, { error: V.nonNegative })
    .max(366, { error: V.trainingDays })
    .multipleOf(0.5, { error: V.trainingDays }),
  trainees: z.object({
    povertyOfficials: countSchema,
    reportersEditors: countSchema,
    others: countSchema,
  }),
});

export const emulationSchema = z.object({
  ...activityBaseShape,
  type: z.literal('emulation'),
  kind: z.enum(EMULATION_KINDS, { error: V.required }),
  title: text(300),
  commendedCollectives: countSchema,
  commendedIndividuals: countSchema,
  commendedHouseholds: countSchema,
  resourcesVnd: countSchema,
  resourcesInKind: text(1000),
});

export const otherActivitySchema = z.object({
  ...activityBaseShape,
  type: z.literal('other'),
  title: text(300),
});

export const activityObjectSchemas = {
  dialogue: dialogueSchema,
  community_talk: communityTalkSchema,
  printed_materials: printedMaterialsSchema,
  mass_media: massMediaSchema,
  training: trainingSchema,
  emulation: emulationSchema,
  other: otherActivitySchema,
} as const;

/**
 * Structure per type only. The record schema, with the cross-field rules on top, is
 * `activitySchema` in activity-record.schema.ts (apart, so the rules can use these types).
 */
export const activityShapeSchema = z.discriminatedUnion('type', [
  dialogueSchema,
  communityTalkSchema,
  printedMaterialsSchema,
  massMediaSchema,
  trainingSchema,
  emulationSchema,
  otherActivitySchema,
]);

export type Activity = z.infer<typeof activityShapeSchema>;
export type ActivityOf<T extends Activity['type']> = Extract<Activity, { type: T }>;
export type DialogueActivity = ActivityOf<'dialogue'>;
export type TrainingActivity = ActivityOf<'training'>;

// Type-level guard that every activity type has a schema.
const _allTypesCovered: Record<(typeof ACTIVITY_TYPES)[number], unknown> = activityObjectSchemas;
void _allTypesCovered;
