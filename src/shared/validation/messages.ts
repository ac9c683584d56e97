// Validation messages are i18n keys (see ../i18n): the UI shows them in the officer's language
// next to the field, the API turns them into Vietnamese problem details.
export const V = {
  required: 'validation.required',
  integer: 'validation.integer',
  number: 'validation.number',
  nonNegative: 'validation.nonNegative',
  tooLong: 'validation.tooLong',
  invalidDate: 'validation.invalidDate',
  futureDate: 'validation.futureDate',
  endBeforeStart: 'validation.endBeforeStart',
  exceedsTotal: 'validation.exceedsTotal',
  sumExceedsTotal: 'validation.sumExceedsTotal',
  listMismatch: 'validation.listMismatch',
  chooseOne: 'validation.chooseOne',
  fundingSourceRequired: 'validation.fundingSourceRequired',
  invalidUrl: 'validation.invalidUrl',
  invalidPhone: 'validation.invalidPhone',
  birthYearRange: 'validation.birthYearRange',
  atLeastOneQuantity: 'validation.atLeastOneQuantity',
  positive: 'validation.positive',
  invalidValue: 'validation.invalidValue',
  unitNotLeaf: 'validation.unitNotLeaf',
  unitNotAllowed: 'validation.unitNotAllowed',
  notAuthor: 'validation.notAuthor',
  authorMismatch: 'validation.authorMismatch',
  idMismatch: 'validation.idMismatch',
} as const;
export type ValidationMessageKey = (typeof V)[keyof typeof V];
