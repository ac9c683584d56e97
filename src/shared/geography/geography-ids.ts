// Ids of the shipped geographies, without their data (importing this loads no unit tree).

/** Kiên Giang's three tiers; also the geography of any code stored or sent without one. */
export const KIEN_GIANG_2024 = 'kien-giang-2024';
/** The new An Giang, two tiers, from 1 July 2025. */
export const AN_GIANG_2025 = 'an-giang-2025';
