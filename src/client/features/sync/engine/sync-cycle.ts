import {
  INITIAL_CURSOR,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  MAX_PULL_LIMIT,
  type Mutation,
  type PulledPage,
} from '../../../../shared/sync/sync-protocol';
import { type PublicUser } from '../../../../shared/auth/auth-protocol';
import { problemMessagesVi } from '../../../../shared/i18n/problem-messages-vi';
import type { AppDb, OutboxEntry } from '../../../db/app-db';
import type { AuthorizedConfig } from '../../../lib/http/api-client';
import { pullChanges, pushMutations } from '../http/sync-http';
import { listedHashes } from '../../../db/photo-write';
import { countPending, eachPendingEntry, noteAttempt, pendingEntries } from '../outbox/outbox';
import { ApiError } from '../../../lib/http/api-error';
import { applyPullPage, loadCursor } from './pull-apply';
import { knownPart } from './known-changes';
import { photosToSend, uploadPhotos, type PhotoUploadProgress } from './photo-sync';
import { applyPushResults } from './push-results';

// One push-then-pull pass. Plain functions over the database and the API; the engine decides
// when to run them. Nothing here awaits the network inside a Dexie transaction.

export interface CycleOptions {
  maxBatch?: number;
  maxBatchBytes?: number;
  pullLimit?: number;
  onPushProgress?: (done: number, total: number) => void;
  /**
   * Activity changes received so far in this pull, of `total` (null until the server said; it
   * can grow if others push meanwhile). Units and geographies are not counted.
   */
  onPulled?: (count: number, total: number | null) => void;
  /** The account as the server knows it, from each pulled page that carries it. */
  onAccount?: (user: PublicUser) => void;
  /** The photo being uploaded before the push (null when none is). */
  onPhotoProgress?: (progress: PhotoUploadProgress | null) => void;
  /**
   * A first page already requested (from `since`, with the activity count) before the database
   * was open: used when the saved cursor is that `since`, else ignored and asked for afresh.
   */
  firstPage?: EarlyPage;
}

export interface EarlyPage {
  since: string;
  page: Promise<PulledPage>;
}

export interface PushSummary {
  /** Records still waiting for photos this sync could not deliver (their changes stay queued). */
  waitingForPhotos: number;
}

/**
 * Sends the photos queued records list, then every pending outbox entry, oldest first, in
 * batches; records each answer locally. A change the server holds back for a photo (`waiting`)
 * stays queued: the photo is sent and the change pushed again; if the photo cannot be sent (its
 * bytes are not on this phone) the record's changes wait for a later sync, never reordered.
 */
export async function pushOutbox(
  db: AppDb,
  api: AuthorizedConfig,
  options: CycleOptions = {},
): Promise<PushSummary> {
  let batchSize = Math.min(options.maxBatch ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS);
  const maxBytes = Math.floor((options.maxBatchBytes ?? MAX_PUSH_BYTES) * 0.9);
  const first = await uploadPhotos(db, api, await photosToSend(db), options.onPhotoProgress);
  await refuseListing(db, first.refused);
  const held = new Set<string>();
  const waitedOnce = new Set<string>();
  let done = 0;
  for (;;) {
    const pending = await pendingEntries(db, batchSize, held);
    if (pending.length === 0) return { waitingForPhotos: held.size };
    const total = done + (await countPending(db));
    options.onPushProgress?.(done, total);
    const { batch, oversized } = cutBySize(pending, maxBytes);
    if (oversized) {
      await refuseLocally(db, oversized, 'recordTooLarge');
      continue;
    }
    let response;
    try {
      response = await pushMutations(api, batch.map(toWire));
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'too-large') {
        if (batch.length > 1) batchSize = Math.max(1, Math.floor(batch.length / 2));
        else await refuseLocally(db, batch[0]!, 'recordTooLarge', error.message);
        continue;
      }
      await noteFailedAttempt(db, batch, error);
      throw error;
    }
    const outcome = await applyPushResults(db, batch, response.results);
    done += batch.length - outcome.unanswered - outcome.waiting.length;
    options.onPushProgress?.(done, total);
    if (outcome.unanswered > 0) {
      throw new ApiError('invalid-response', 200, null, 'The server did not answer every mutation');
    }
    if (outcome.waiting.length > 0) {
      const missing = [...new Set(outcome.waiting.flatMap((w) => w.missingPhotos))];
      // Sent whatever this phone believes: the server is the judge of what it has.
      const sent = await uploadPhotos(db, api, missing, options.onPhotoProgress);
      await refuseListing(db, sent.refused);
      for (const w of outcome.waiting) {
        const undeliverable = w.missingPhotos.some(
          (h) => sent.absent.has(h) || sent.refused.has(h),
        );
        // Once more after its photos went; a record still waiting then waits for a later sync.
        if (undeliverable || waitedOnce.has(w.recordId)) held.add(w.recordId);
        waitedOnce.add(w.recordId);
      }
    }
  }
}

export interface PullSummary {
  /** Activity changes applied. */
  pulled: number;
  /**
   * A collection (or op) of a newer server that this app version does not know: the pull stopped
   * just before it (everything earlier applied, the cursor not past it). Null when all was known.
   */
  unknownCollection: string | null;
}

/**
 * Pulls pages from the saved cursor until the server has no more, or until a change this app
 * version does not understand (see known-changes.ts). The next page is requested while this one
 * is written to IndexedDB, so on a slow link the network never waits for the phone's CPU (nor the
 * reverse). Pages are still applied strictly in order, each with its cursor in one transaction;
 * a prefetched page that is never applied (an error, the tab closing) is simply asked for again
 * from the saved cursor.
 */
export async function pullAll(
  db: AppDb,
  api: AuthorizedConfig,
  options: CycleOptions = {},
): Promise<PullSummary> {
  // The largest page the server gives: half the transactions, cursor saves and live-query
  // re-runs of its default 500 on a new phone's first sync (~1 MB of JSON, ~0.1 MB compressed).
  const limit = options.pullLimit ?? MAX_PULL_LIMIT;
  let cursor = (await loadCursor(db)) ?? INITIAL_CURSOR;
  // Records, not versions: an edited record comes once per version but is one line of the list.
  const pulledRecords = new Set<string>();
  let total: number | null = null;
  const early = options.firstPage;
  let next: Promise<PulledPage> | null =
    early && early.since === cursor ? early.page : pullChanges(api, cursor, limit, true);
  for (let first = true; next !== null; first = false) {
    const { page, unknown } = knownPart(await next, cursor);
    const stuck = page.cursor === cursor && page.changes.length === 0;
    next = page.hasMore && !stuck && !unknown ? pullChanges(api, page.cursor, limit) : null;
    // An unapplied prefetch must not surface as an unhandled rejection if applying fails.
    next?.catch(() => undefined);
    await applyPullPage(db, page);
    for (const c of page.changes) if (c.collection === 'activities') pulledRecords.add(c.recordId);
    const pulled = pulledRecords.size;
    if (first && page.records !== undefined) total = page.records;
    // A record created meanwhile may come in a later page than the count saw.
    if (total !== null) total = Math.max(total, pulled);
    options.onPulled?.(pulled, total);
    if (page.user) options.onAccount?.(page.user);
    cursor = page.cursor;
    if (unknown) return { pulled: pulledRecords.size, unknownCollection: unknown.collection };
  }
  return { pulled: pulledRecords.size, unknownCollection: null };
}

export function toWire(entry: OutboxEntry): Mutation {
  const { mutationId, recordId, op, baseRev, data, clientTime } = entry;
  return { mutationId, recordId, op, baseRev, data, clientTime };
}

const encoder = new TextEncoder();

function cutBySize(
  pending: OutboxEntry[],
  maxBytes: number,
): { batch: OutboxEntry[]; oversized: OutboxEntry | null } {
  const batch: OutboxEntry[] = [];
  let bytes = 20;
  for (const entry of pending) {
    const size = encoder.encode(JSON.stringify(toWire(entry))).length + 1;
    if (size > maxBytes && batch.length === 0) return { batch, oversized: entry };
    if (bytes + size > maxBytes) break;
    batch.push(entry);
    bytes += size;
  }
  return { batch, oversized: null };
}

// The record stays local and visible as refused, exactly like a server refusal, so the officer
// can shorten it; it is never silently dropped.
async function refuseLocally(
  db: AppDb,
  entry: OutboxEntry,
  key: 'recordTooLarge' | 'photoRefused',
  reason: string = problemMessagesVi[key],
): Promise<void> {
  await applyPushResults(
    db,
    [entry],
    [
      {
        mutationId: entry.mutationId,
        recordId: entry.recordId,
        status: 'rejected',
        reason,
        code: `problem.${key}`,
        errors: [],
      },
    ],
  );
}

/**
 * The queued changes that list a photo the server refused for good are refused here, as the
 * server would refuse a change: the officer is told which record, the record and the photo stay
 * on the phone, and saving it again without that photo supersedes them. Changes that do not list
 * it — the record's later ones included — go on.
 */
async function refuseListing(db: AppDb, refused: ReadonlySet<string>): Promise<void> {
  if (refused.size === 0) return;
  const listing: OutboxEntry[] = [];
  await eachPendingEntry(db, (entry) => {
    if (listedHashes(entry.data).some((sha256) => refused.has(sha256))) listing.push(entry);
  });
  for (const entry of listing) await refuseLocally(db, entry, 'photoRefused');
}

async function noteFailedAttempt(db: AppDb, batch: OutboxEntry[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    await db.transaction('rw', db.outbox, async () => {
      for (const entry of batch) await noteAttempt(db, entry, message);
    });
  } catch {
    // Bookkeeping only; the entries themselves are untouched.
  }
}
