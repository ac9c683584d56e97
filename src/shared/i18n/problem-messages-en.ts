import type { ProblemMessages } from './problem-messages-vi';

// The API's refusals in English (same keys as problem-messages-vi.ts; the type makes both complete).
export const problemMessagesEn: ProblemMessages = {
  invalidRequest: 'The request is not valid.',
  invalidAddress: 'The request address is not valid.',
  unknownAddress: 'This address does not exist.',
  headersTooLarge: 'The request address or headers are too long.',
  malformedRequest: 'The HTTP request is malformed.',
  requestTimeout: 'The request arrived too slowly and was cut off; please try again.',
  notFound: 'Not found.',
  forbidden: 'You are not allowed to do this.',
  bodyTooLarge: 'The data sent is too large. Send fewer records at a time.',
  jsonOnly: 'The server only accepts JSON.',
  invalidJson: 'The data sent is not valid JSON.',
  emptyBody: 'The data sent is empty.',
  nestedTooDeep: 'The data sent is nested too deeply.',
  serverError: 'The server ran into an error. Please try again later.',
  serverBusy:
    'The server is busy: many phones are syncing at once. The app will try again by itself.',
  databaseUnavailable: 'The server cannot reach its database for now. Please try again later.',

  loginRequired: 'Please log in.',
  loginAgain: 'Please log in again.',
  sessionEnded: 'The session has expired or was revoked. Please log in again.',
  wrongCredentials: 'Wrong username or password.',
  tooManyLogins: 'Too many failed logins. Please try again in {{minutes}} minutes.',
  accountDisabled: 'This account is disabled. Please contact an administrator.',
  adminOnly: 'Only administrators manage accounts.',
  deviceNotFound: 'Device not found.',
  accountDeviceNotFound: 'This account has no such device.',
  notYourDevice: 'You may revoke only your own devices.',
  usernameTaken: 'The username "{{username}}" is already taken.',
  accountNotFound: 'Account not found.',
  accountNotFoundNamed: 'There is no account "{{username}}".',
  selfLockout: 'You cannot disable your own account or lower its role.',
  wrongCurrentPassword: 'The current password is wrong.',
  geographyUnknown: 'There is no administrative unit catalogue "{{geography}}".',
  unitNotInGeography: 'Unit code "{{unit}}" is not in catalogue {{geography}}.',
  unitNotInGeographyElsewhere:
    'Unit code "{{unit}}" is not in catalogue {{geography}} (the code is {{elsewhere}}).',
  districtAccountNeedsDistrict:
    'A district account must belong to a district; catalogue {{geography}} has no such unit.',
  communeAccountNeedsCommune: 'A commune account must belong to a commune or ward.',

  invalidCursor: 'The page cursor is not valid.',
  invalidDateRange: 'The period is not valid: it ends before it starts.',
  activityNotOnServer: 'The server does not have this activity.',
  noReadRightActivities: 'You may not see the activities of this unit.',
  noReadRightData: 'You may not see the data of this unit.',
  invalidSince: 'The sync point (since) is not valid.',
  pullLimitRange: 'The number of records per page (limit) must be from 1 to {{max}}.',
  tooManyMutations: 'Send at most {{max}} changes at a time.',
  invalidMutation: 'The change sent is not valid.',
  invalidActivity: 'The activity data is not valid.',
  recordIdMismatch: 'The record id does not match the data sent.',
  mutationIdReused: 'This change id (mutationId) was already used for another record.',
  authorFixed: 'The author of an activity must be the logged-in account and cannot change.',
  photosMissing: 'The server does not have all photos of the activity yet ({{count}} missing).',
  recordTooLarge: 'The record is too large to send to the server.',
  photoRefused:
    'The server did not accept a photo of this activity (the photo file on this phone is damaged). Open the activity, remove that photo and save; you may attach it again from the gallery.',
  waitingForPhotos: 'An earlier change of this activity is waiting for its photos.',
  communeNotInCatalogue: 'An activity must belong to a commune or ward of the catalogue.',
  wideRoleOwnOnly: 'Province, agency and admin accounts may write only activities they created.',
  districtDissolved:
    "The account's district was dissolved on 1 July 2025: the account may only read. " +
    'Ask an administrator to move it to a new unit.',
  noWriteRight: 'You may not write data of {{name}}.',
  noWriteRightUntilMoved:
    'You may not write data of {{name}}: your account still belongs to a unit from before the reorganisation. ' +
    'Ask the administrator to move it to the new unit; the activity will then be sent again by itself.',

  agencyIdMismatch: 'The agency id in the path and in the body differ.',
  invalidReportPeriod: 'The report period is not valid: it ends before it starts.',
  chooseUnit: 'Please choose a unit (unit) of this catalogue.',
  noReportRight: 'You may not see reports of this unit.',
  noSubmitRight: "Only the unit's own officers may submit or reopen its report.",
  reportAlreadySubmitted:
    "The unit's report for this period is already submitted. Reopen it to change it.",
  reportNotSubmitted: "The unit's report for this period is not submitted (or was reopened).",
  periodNotStarted: 'This reporting period has not started; it cannot be submitted yet.',
  periodLocked:
    'The {{from}}–{{to}} report of {{unit}} was submitted on {{submittedOn}}: activities in that period can no longer change. The unit must reopen the report first.',
  targetsNeedYearPeriod: 'Targets are yearly: choose the first six months or the whole year.',
  targetsNotAllowed: 'Only province or district officers set targets, for units within their area.',

  badByteHeader: 'The header {{header}} (a number of bytes) is missing or wrong.',
  chunkContentType: 'Photo parts must be sent with Content-Type: {{contentType}}.',
  uploadOffset: 'The server has {{offset}} bytes of this photo; continue from there.',
  photoTooLarge: 'A photo must be smaller than {{mb}} MB after compression.',
  uploadTooLong: 'More data was sent than the declared photo size (Upload-Length).',
  photoHashMismatch:
    "The photo data received does not match the photo's SHA-256; the server dropped it, send it again from the start.",
  notAPhoto: 'The file sent is not a JPEG or WebP photo.',
  photoTooManyPixels:
    'The photo is {{width}} × {{height}} px, more than {{px}} px on its long edge: the app compresses photos on the phone before sending them.',
  photoNotOnServer: 'The server does not have this photo yet.',
  noPhotoRight: 'You may not see this photo.',
};
