import { z } from 'zod';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../activity/activity-enums';
import { activitySchema } from '../activity/activity-record.schema';

// Wire format of the server-side records browser (GET /api/records, GET /api/records/:id): how
// province, agency and admin accounts see records they do not hold on their phone.

export const MAX_RECORDS_PAGE = 100;
export const DEFAULT_RECORDS_PAGE = 50;
/** The first page counts its matches up to this many; above it says "more than". */
export const RECORDS_COUNT_CAP = 1000;

const isoDate = z.iso.date();

export const recordsQuerySchema = z.object({
  unit: z.string().trim().min(1).max(20).optional(),
  geography: z.string().trim().min(1).max(60).optional(),
  form: z.enum(ACTIVITY_TYPES).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  author: z.string().trim().min(1).max(100).optional(),
  /** Words to find, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_RECORDS_PAGE).default(DEFAULT_RECORDS_PAGE),
});
export type RecordsQuery = z.infer<typeof recordsQuerySchema>;

export const recordSummarySchema = z.object({
  id: z.string(),
  rev: z.number(),
  date: isoDate,
  form: z.enum(ACTIVITY_TYPES),
  status: z.enum(ACTIVITY_STATUSES),
  geographyId: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  title: z.string(),
  place: z.string(),
  organiser: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  participants: z.number(),
  updatedAt: z.string(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const recordsTotalSchema = z
  .object({
    /** Records matching the filters, counted up to RECORDS_COUNT_CAP. */
    count: z.number().int().min(0).max(RECORDS_COUNT_CAP),
    /** True: more than `count` records match (the count stopped at the cap). */
    more: z.boolean(),
  })
  .describe(
    `How many records match, exact up to ${RECORDS_COUNT_CAP}; above that \`count\` is ${RECORDS_COUNT_CAP} and \`more\` is true (counting a million matches would cost more than the page).`,
  );
export type RecordsTotal = z.infer<typeof recordsTotalSchema>;

export const recordsPageSchema = z.object({
  items: z.array(recordSummarySchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
  /** On the first page (no cursor) only; null on later pages. */
  total: recordsTotalSchema.nullable(),
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

export const recordDetailSchema = z.object({
  summary: recordSummarySchema,
  data: activitySchema,
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

/** GET /api/records/authors: who recorded within the same filters (no author, words or page). */
export const recordAuthorsQuerySchema = recordsQuerySchema.pick({
  unit: true,
  geography: true,
  form: true,
  status: true,
  from: true,
  to: true,
});
export type RecordAuthorsQuery = z.infer<typeof recordAuthorsQuerySchema>;

export const recordAuthorSchema = z.object({
  authorId: z.string(),
  /** The account's name now ('' for an account no longer on the server). */
  authorName: z.string(),
  /** Live records of this author matching the filters. */
  count: z.number().int().min(0),
});
export const recordAuthorsSchema = z.object({ authors: z.array(recordAuthorSchema) });
export type RecordAuthors = z.infer<typeof recordAuthorsSchema>;
