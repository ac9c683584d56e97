// Closed vocabularies of plan 106/KH-UBND. Labels live in ../i18n (vi and en); keys never change
// once records exist, because they are stored and synced.

/** Section III.2 of the plan: each communication form is an activity type. */
export const ACTIVITY_TYPES = [
  'dialogue',
  'community_talk',
  'printed_materials',
  'mass_media',
  'training',
  'emulation',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Section III.1 of the plan: content themes. */
export const CONTENT_THEMES = [
  'programme_goals',
  'multidimensional_poverty',
  'emulation_movement',
  'official_responsibility',
  'production_knowhow',
  'other',
] as const;
export type ContentTheme = (typeof CONTENT_THEMES)[number];

/** Section II.1: audiences, with the four the plan stresses first. */
export const TARGET_GROUPS = [
  'poor_households',
  'near_poor_households',
  'newly_out_of_poverty_households',
  'poverty_officials',
  'residents',
  'reporters_editors',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const FUNDING_SOURCES = [
  'ntp_central_budget',
  'local_budget',
  'socialised',
  'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const ACTIVITY_STATUSES = ['draft', 'complete'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const PRINTED_KINDS = ['leaflet', 'document', 'banner', 'other'] as const;
export type PrintedKind = (typeof PRINTED_KINDS)[number];

export const MEDIA_CHANNELS = [
  'print_press',
  'online_press',
  'radio',
  'television',
  'commune_loudspeaker',
  'website_social',
] as const;
export type MediaChannel = (typeof MEDIA_CHANNELS)[number];

export const EMULATION_KINDS = ['launch', 'commendation'] as const;
export type EmulationKind = (typeof EMULATION_KINDS)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const ETHNICITIES = ['kinh', 'khmer', 'hoa', 'other'] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

export const HOUSEHOLD_CATEGORIES = ['poor', 'near_poor', 'newly_out_of_poverty', 'none'] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

export const ATTENDANCE_MODES = ['counts', 'list'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** Types whose record is about people present; the others count copies or broadcasts. */
export const TYPES_WITH_ATTENDANCE: readonly ActivityType[] = [
  'dialogue',
  'community_talk',
  'training',
  'emulation',
  'other',
];
