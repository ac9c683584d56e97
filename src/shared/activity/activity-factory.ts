import type { Activity, ActivityOf } from './activity.schema';
import type { ActivityType } from './activity-enums';
import { EMPTY_PARTICIPANTS } from './attendance-tally';
import { TYPES_WITH_ATTENDANCE } from './activity-enums';
import { todayInVietnam } from '../format/vi-format';
import { uuidv7 } from '../ids/uuidv7';
import { KIEN_GIANG_2024 } from '../geography/geography-ids';

export interface NewActivityContext {
  communeCode: string;
  /** The geography of `communeCode`; a device that knows only the 2024 tree means that one. */
  geographyId?: string;
  authorId: string;
  authorName: string;
  organiser?: string;
  now?: number;
}

const zeroQuantity = { printed: 0, distributed: 0 };

/** A blank draft of the given form, filled with what the device already knows. */
export function newActivity<T extends ActivityType>(
  type: T,
  ctx: NewActivityContext,
): ActivityOf<T> {
  const now = ctx.now ?? Date.now();
  const stamp = new Date(now).toISOString();
  const base = {
    id: uuidv7(now),
    status: 'draft' as const,
    date: todayInVietnam(now),
    geographyId: ctx.geographyId ?? KIEN_GIANG_2024,
    communeCode: ctx.communeCode,
    place: '',
    organiser: ctx.organiser ?? '',
    themes: [],
    targetGroups: [],
    attendanceMode: 'counts' as const,
    participants: { ...EMPTY_PARTICIPANTS },
    attendees: [],
    costVnd: 0,
    notes: '',
    authorId: ctx.authorId,
    authorName: ctx.authorName,
    createdAt: stamp,
    updatedAt: stamp,
  };
  const specific: { [K in ActivityType]: Omit<ActivityOf<K>, keyof typeof base> } = {
    dialogue: { type: 'dialogue', topic: '', chair: '', officialsPresent: '', questions: [] },
    community_talk: { type: 'community_talk', topic: '', speaker: '' },
    printed_materials: {
      type: 'printed_materials',
      title: '',
      quantities: {
        leaflet: { ...zeroQuantity },
        document: { ...zeroQuantity },
        banner: { ...zeroQuantity },
        other: { ...zeroQuantity },
      },
      otherKindDescription: '',
    },
    mass_media: {
      type: 'mass_media',
      channel: 'commune_loudspeaker',
      title: '',
      itemCount: 0,
      durationMinutes: 0,
      link: '',
    },
    training: {
      type: 'training',
      topic: '',
      days: 1,
      trainees: { povertyOfficials: 0, reportersEditors: 0, others: 0 },
    },
    emulation: {
      type: 'emulation',
      kind: 'commendation',
      title: '',
      commendedCollectives: 0,
      commendedIndividuals: 0,
      commendedHouseholds: 0,
      resourcesVnd: 0,
      resourcesInKind: '',
    },
    other: { type: 'other', title: '' },
  };
  return { ...base, ...specific[type] } as unknown as ActivityOf<T>;
}

/** The line an officer recognises an activity by in lists and reports. */
export function activityTitle(a: Activity): string {
  switch (a.type) {
    case 'dialogue':
    case 'community_talk':
    case 'training':
      return a.topic;
    default:
      return a.title;
  }
}

export function hasAttendance(type: ActivityType): boolean {
  return TYPES_WITH_ATTENDANCE.includes(type);
}
