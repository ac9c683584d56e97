import {
  FUNDING_SOURCES,
  MEDIA_CHANNELS,
  PRINTED_KINDS,
  type ActivityType,
} from '../activity/activity-enums';
import type { ReportDictionary } from '../i18n/report-labels.vi';
import { REPORT_MEASURES, type Measures, type ReportMeasure } from './report-measures';

// Which figures the report shows for each activity form, in order, and how each is labelled and
// displayed. Screens, the XLSX/CSV exports and the print view all read this one list.

/** A measure, or a figure derived from measures. */
export type Indicator = ReportMeasure | 'cost_total';

const PARTICIPANTS = REPORT_MEASURES.filter((m) => m.startsWith('participants_'));
const COSTS = REPORT_MEASURES.filter((m) => m.startsWith('cost_'));
const COST_BLOCK: Indicator[] = ['cost_total', ...COSTS];

export const FORM_INDICATORS: Record<ActivityType, readonly Indicator[]> = {
  dialogue: [
    'activities',
    ...PARTICIPANTS,
    'questions_asked',
    'questions_follow_up',
    ...COST_BLOCK,
  ],
  community_talk: ['activities', ...PARTICIPANTS, ...COST_BLOCK],
  printed_materials: [
    'activities',
    ...REPORT_MEASURES.filter((m) => /_(printed|distributed)$/.test(m)),
    ...COST_BLOCK,
  ],
  mass_media: [
    'activities',
    ...REPORT_MEASURES.filter((m) => m.startsWith('media_')),
    ...COST_BLOCK,
  ],
  training: [
    'activities',
    ...PARTICIPANTS,
    'trainees_poverty_officials',
    'trainees_reporters_editors',
    'trainees_others',
    'training_half_days',
    ...COST_BLOCK,
  ],
  emulation: [
    'activities',
    ...PARTICIPANTS,
    'commended_collectives',
    'commended_individuals',
    'commended_households',
    'resources_vnd',
    'resources_in_kind_activities',
    ...COST_BLOCK,
  ],
  other: ['activities', ...PARTICIPANTS, ...COST_BLOCK],
};

/** The all-forms summary: activities and people reached, poor households first. */
export const SUMMARY_INDICATORS: readonly Indicator[] = [
  'activities',
  ...PARTICIPANTS,
  'cost_total',
];

/** The value shown for an indicator (training days are stored in halves). */
export function indicatorValue(indicator: Indicator, m: Readonly<Measures>): number {
  if (indicator === 'cost_total') return COSTS.reduce((sum, c) => sum + m[c], 0);
  if (indicator === 'training_half_days') return m.training_half_days / 2;
  return m[indicator];
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

export function indicatorLabel(indicator: Indicator, d: ReportDictionary): string {
  const labels = d.report.measure;
  if (indicator in labels) return labels[indicator as keyof typeof labels];
  for (const kind of PRINTED_KINDS) {
    if (indicator === `${kind}_printed`) return fill(labels.printed, { kind: d.printedKind[kind] });
    if (indicator === `${kind}_distributed`)
      return fill(labels.distributed, { kind: d.printedKind[kind] });
  }
  for (const channel of MEDIA_CHANNELS) {
    const name = d.mediaChannel[channel];
    if (indicator === `media_${channel}_items`) return fill(labels.mediaItems, { channel: name });
    if (indicator === `media_${channel}_minutes`)
      return fill(labels.mediaMinutes, { channel: name });
  }
  for (const source of FUNDING_SOURCES) {
    if (indicator === `cost_${source}`)
      return fill(labels.cost, { source: d.fundingSource[source] });
  }
  if (indicator === 'cost_unspecified')
    return fill(labels.cost, { source: labels.costUnspecified });
  return indicator;
}
