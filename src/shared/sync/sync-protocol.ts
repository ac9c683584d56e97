import { z } from 'zod';
import { publicUserSchema } from '../auth/auth-protocol';
import { sha256HexSchema } from '../photos/photo.schema';

// Wire types of the sync API (docs/sync-protocol.md). The client's outbox stores mutations in
// exactly this shape, so what is pushed is what was written locally, byte for byte.

export const MAX_PUSH_MUTATIONS = 200;
/** Largest push body the server accepts (bytes of JSON); cut batches by count AND by size. */
export const MAX_PUSH_BYTES = 8 * 1024 * 1024;
export const MAX_PULL_LIMIT = 1000;
/** Page size of a pull that names no `limit`. */
export const DEFAULT_PULL_LIMIT = 500;
/** The `since` of a device that has never pulled. */
export const INITIAL_CURSOR = '0';

/**
 * `admin_units` is Kiên Giang's 2024 tree unit by unit, kept for app versions from before
 * geographies; `geographies` carries each whole geography (tree, validity, mapping);
 * `agencies` the organising agencies with their validity dates; `settings` the province's report
 * settings (default period basis, due dates); `period_locks` each unit's submitted period report;
 * `report_targets` a unit's yearly targets (only to phones of that unit's communes).
 */
export const COLLECTIONS = [
  'activities',
  'admin_units',
  'geographies',
  'agencies',
  'settings',
  'period_locks',
  'report_targets',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/**
 * Largest version number on the wire (server revs, `baseRev`, `since`): an exact JavaScript
 * integer, stored in 64-bit columns on both databases.
 */
export const MAX_REV = Number.MAX_SAFE_INTEGER;

export const mutationSchema = z.object({
  /** UUIDv7 made on the device when the change was saved; the server's idempotency key. */
  mutationId: z.uuid(),
  recordId: z.uuid(),
  op: z.enum(['upsert', 'delete']),
  /** The server rev the device's copy was based on; null for a record the server never saw. */
  baseRev: z.number().int().min(0).max(MAX_REV).nullable(),
  /** The whole record for an upsert (validated with the record's schema on the server). */
  data: z.unknown(),
  clientTime: z.iso.datetime({ offset: true }),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * What the server checks of a push as a whole: each mutation is then checked on its own, so one
 * malformed mutation is `rejected` and never fails the batch around it.
 */
export const pushEnvelopeSchema = z.object({
  mutations: z.array(z.unknown()).min(1).max(MAX_PUSH_MUTATIONS),
});
/** The ids a result needs: without them a mutation cannot be answered on its own. */
export const mutationIdsSchema = z.object({ mutationId: z.uuid(), recordId: z.uuid() });

export const fieldErrorSchema = z.object({
  /** Dotted path in the record, e.g. "participants.female". */
  path: z.string(),
  /** Validation message key (see validation/messages.ts). */
  code: z.string(),
  /** Vietnamese text of the message. */
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The message key of a `reason` ('problem.noWriteRight') and what fills its placeholders. */
export const reasonKeySchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A field where two devices wrote different values; the later write in server order won. */
export const fieldConflictSchema = z.object({
  path: z.string(),
  /** The value that lost and now lives only in history. */
  overwrittenValue: z.unknown(),
  overwrittenRev: z.number().int(),
  overwrittenBy: z.string(),
  overwrittenAt: z.string(),
});
export type FieldConflict = z.infer<typeof fieldConflictSchema>;

export const unitRefSchema = z.object({ geographyId: z.string(), code: z.string() });

/**
 * The server stored the record under another commune than the device sent: the record was
 * dated after a reorganisation but named a commune of the geography before it. The officer is
 * told; what the device sent stays in the record's history.
 */
export const communeMappedSchema = z.object({
  from: unitRefSchema,
  to: unitRefSchema,
  fromName: z.string(),
  toName: z.string(),
});
export type CommuneMapped = z.infer<typeof communeMappedSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({
    mutationId: z.uuid(),
    recordId: z.uuid(),
    status: z.literal('applied'),
    rev: z.number().int(),
    /** Set when the commune was mapped; `data` is then the record as stored. */
    mapped: communeMappedSchema.optional(),
    /**
     * Present when the server merged this write with other devices' changes to other fields:
     * the record as now stored. Without it the device would keep its pre-merge copy as if it
     * were this rev, and its next save would undo the other device's change.
     */
    data: z.unknown().optional(),
  }),
  z.object({
    mutationId: z.uuid(),
    recordId: z.uuid(),
    status: z.literal('duplicate'),
    rev: z.number().int(),
    /**
     * The commune this mutation names was mapped when it was applied (the same mapping again):
     * a device whose first answer was lost still learns it.
     */
    mapped: communeMappedSchema.optional(),
  }),
  z.object({
    mutationId: z.uuid(),
    recordId: z.uuid(),
    status: z.literal('conflict'),
    /** The record was stored, merged per field; `conflicts` lists fields another device also changed. */
    rev: z.number().int(),
    conflicts: z.array(fieldConflictSchema),
    /** The merged record as now stored. */
    data: z.unknown(),
    mapped: communeMappedSchema.optional(),
  }),
  z.object({
    mutationId: z.uuid(),
    recordId: z.uuid(),
    /**
     * Not applied and not remembered: the record references photos the server does not have
     * yet (or an earlier change of the same record in this batch is waiting). Upload
     * `missingPhotos`, then push the same mutation again; it stays in the outbox meanwhile.
     */
    status: z.literal('waiting'),
    reason: z.string(),
    ...reasonKeySchema.shape,
    missingPhotos: z.array(sha256HexSchema),
  }),
  z.object({
    mutationId: z.uuid(),
    recordId: z.uuid(),
    status: z.literal('rejected'),
    /** One sentence in the request's language: why the server refused the whole mutation. */
    reason: z.string(),
    ...reasonKeySchema.shape,
    errors: z.array(fieldErrorSchema),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const changeSchema = z.object({
  collection: z.enum(COLLECTIONS),
  recordId: z.string(),
  op: z.enum(['upsert', 'delete']),
  rev: z.number().int(),
  /** The record for an upsert (an Activity or an AdminUnit); null for a tombstone. */
  data: z.unknown().nullable(),
  /** Who made this version and when, server time; lets the app say "changed by X". */
  updatedBy: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Opaque to the client: pass it back as `since`. */
  cursor: z.string(),
  hasMore: z.boolean(),
  /**
   * The account as the server knows it now: an administrator may have moved it to another unit
   * (the July 2025 reorganisation), which changes what the phone may see and offer.
   */
  user: publicUserSchema.optional(),
  /**
   * Activity changes (every record version and tombstone) the reader will still be sent after
   * `cursor`, when the pull asked with `count=activities`: the phone's "n / m hoạt động".
   */
  remaining: z.number().int().min(0).optional(),
  /**
   * Activity records with a change after the pull's `since` (this page included), each counted
   * once however many versions of it the feed sends, when the pull asked with `count=records`:
   * the phone's "n / m hoạt động" — m is what its list will hold, not the versions sent.
   */
  records: z.number().int().min(0).optional(),
  /**
   * The `since` was made for another scope (the account was moved, or its feed narrowed to the
   * records its user authored): this feed starts over from the beginning. Once it has caught up
   * (`hasMore` false) the phone removes the records the restarted feed did not bring, except
   * those with unsynced work.
   */
  restarted: z.literal(true).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pull page as an app reads it: a change of a collection (or op) this version does not know
 * — a newer server's — is kept rather than refusing the whole page, so the app can apply the
 * page up to it and say it needs updating (docs/sync-protocol.md, "Forward-compatible pull").
 * The server still sends only `pullResponseSchema`; this is the reader's tolerance.
 */
export const pulledPageSchema = pullResponseSchema.extend({
  changes: z.array(changeSchema.extend({ collection: z.string(), op: z.string() })),
});
export type PulledPage = z.infer<typeof pulledPageSchema>;
export type PulledChange = PulledPage['changes'][number];

/** One stored version of a record (GET /api/sync/history/:recordId), oldest first. */
export const recordVersionSchema = z.object({
  rev: z.number().int(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown().nullable(),
  /**
   * What the device sent, when the server stored something else: a field merge, or a commune
   * mapped to the geography of the record's date (the officer's original is kept here).
   */
  submitted: z.unknown().optional(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type RecordVersion = z.infer<typeof recordVersionSchema>;
export const historyResponseSchema = z.object({
  recordId: z.string(),
  versions: z.array(recordVersionSchema),
  /**
   * How many earlier versions are left out: the record lay then in a commune outside the
   * caller's read scope (moved into it later). Absent when none.
   */
  earlierHidden: z.number().int().min(1).optional(),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

/** `type` URIs of the API's problem details; compare with these rather than parsing text. */
export const PROBLEM_TYPES = {
  badRequest: 'urn:outreach-log:problem:bad-request',
  validation: 'urn:outreach-log:problem:validation',
  unauthorized: 'urn:outreach-log:problem:unauthorized',
  forbidden: 'urn:outreach-log:problem:forbidden',
  notFound: 'urn:outreach-log:problem:not-found',
  conflict: 'urn:outreach-log:problem:conflict',
  payloadTooLarge: 'urn:outreach-log:problem:payload-too-large',
  rateLimited: 'urn:outreach-log:problem:rate-limited',
  /** 503: too many phones syncing at once, or the database does not answer; see Retry-After. */
  unavailable: 'urn:outreach-log:problem:unavailable',
  /** A photo upload chunk did not start where the server's copy ends (header Upload-Offset). */
  uploadOffset: 'urn:outreach-log:problem:upload-offset',
  /** The uploaded bytes do not hash to the photo's name: the copy was discarded, start again. */
  photoHashMismatch: 'urn:outreach-log:problem:photo-hash-mismatch',
  unsupportedMediaType: 'urn:outreach-log:problem:unsupported-media-type',
  internal: 'urn:outreach-log:problem:internal',
} as const;

/** RFC 9457 problem details as the API sends them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  /** One sentence in the request's language (Accept-Language; Vietnamese by default). */
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Stable message key ('problem.invalidCursor', see i18n/problem-messages-vi.ts): match on this. */
  code: z.string().optional(),
  /** What fills the key's {{placeholders}}. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
