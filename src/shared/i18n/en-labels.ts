import type { Dictionary } from './vi';

// English texts, part: labels of the records' enums (types, themes, target groups, sources, kinds).
export const enLabels: Pick<
  Dictionary,
  | 'activityType'
  | 'theme'
  | 'targetGroup'
  | 'fundingSource'
  | 'status'
  | 'printedKind'
  | 'mediaChannel'
  | 'emulationKind'
  | 'sex'
  | 'ethnicity'
  | 'householdCategory'
> = {
  activityType: {
    dialogue: 'Policy dialogue on poverty reduction',
    community_talk: 'Thematic talk at a community meeting',
    printed_materials: 'Leaflets, documents, banners',
    mass_media: 'Mass media',
    training: 'Training',
    emulation: 'Emulation movement, commendations',
    other: 'Other activity',
  },
  theme: {
    programme_goals: 'Goals, tasks and solutions of the National Target Program',
    multidimensional_poverty: 'Multidimensional, sustainable poverty reduction',
    emulation_movement: 'Emulation movement «For the poor – Leave no one behind»',
    official_responsibility: 'Responsibility of officials and leaders',
    production_knowhow: 'Production know-how to escape poverty',
    other: 'Other content',
  },
  targetGroup: {
    poor_households: 'Poor households',
    near_poor_households: 'Near-poor households',
    newly_out_of_poverty_households: 'Households newly out of poverty',
    poverty_officials: 'Poverty-reduction officials',
    residents: 'Residents',
    reporters_editors: 'Reporters, editors',
  },
  fundingSource: {
    ntp_central_budget: 'National Target Program budget',
    local_budget: 'Local budget',
    socialised: 'Mobilised (non-state)',
    other: 'Other source',
  },
  status: { draft: 'Draft', complete: 'Complete' },
  printedKind: {
    leaflet: 'Leaflets',
    document: 'Documents, handbooks',
    banner: 'Banners, billboards, posters',
    other: 'Other kind',
  },
  mediaChannel: {
    print_press: 'Print press',
    online_press: 'Online press',
    radio: 'Radio',
    television: 'Television',
    commune_loudspeaker: 'Commune loudspeakers',
    website_social: 'Website, social media',
  },
  emulationKind: { launch: 'Launch, response', commendation: 'Commendation, reward' },
  sex: { male: 'Male', female: 'Female' },
  ethnicity: { kinh: 'Kinh', khmer: 'Khmer', hoa: 'Hoa', other: 'Other ethnic group' },
  householdCategory: {
    poor: 'Poor household',
    near_poor: 'Near-poor household',
    newly_out_of_poverty: 'Newly out of poverty',
    none: 'None of these',
  },
};
