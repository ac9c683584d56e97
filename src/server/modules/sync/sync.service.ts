import type { Activity } from '../../../shared/activity/activity.schema';
import type { HistoryResponse, PushResponse } from '../../../shared/sync/sync-protocol';
import type { ReportSubmission } from '../../../shared/reports/report-submission';
import { forbidden, notFound } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import { mayRead, syncsOwnRecordsOnly } from './activity-access';
import type { Caller } from './prepare-mutation';
import { answerPush, namedInPush, pushItems } from './push-request';
import { CatchUpChains } from './catch-up-chains';
import { ChangeFragments } from './change-fragments';
import { FeedCache } from './feed-cache';
import { pullPageBytes } from './pull-page-json';
import { keptRows } from './pull-page-cut';
import { PullPageCache } from './pull-page-cache';
import { PullSizeEstimate } from './pull-size-estimate';
import type { PushWorkerClient } from './push-worker-client';
import { PushBatch, type EarlyReads } from './push-batch';
import type { PreparedMutation } from './prepare-mutation';
import type { PushTransaction } from './push-transaction.repository';
import type { FeedHead, SyncRepository } from './sync.repository';
import {
  feedKey,
  parseCursor,
  parseLimitOr,
  refKey,
  scopeKey,
  scopeOf,
  type PullQuery,
  type PullScope,
} from './pull-scope';
import type { UnitRef } from '../../../shared/geography/geography';

export type PushRunner = Pick<PushWorkerClient, 'run'>;

/** A pull checked and its page's rows read: what pullPage writes (SyncService.planPull). */
export interface PullPlan extends PullScope {
  /** The feed the page's rows come from (feedKey): with `since` and its last version, its rows. */
  feed: string;
  page: FeedHead[];
  hasMore: boolean;
}

export class SyncService {
  /** Change JSON already written for a reader, shared by the next (see change-fragments.ts). */
  private readonly fragments = new ChangeFragments();
  /** Expected page sizes, so the work gate weighs a pull before reading it. */
  private readonly sizes = new PullSizeEstimate();
  /** Feed rows already read, for the next reader of the same feed (see feed-cache.ts). */
  private readonly feeds = new FeedCache();
  /** Per device, the cursor of a begun catch-up's next page (see catch-up-chains.ts). */
  private readonly chains = new CatchUpChains();
  /** Full pages, compressed, for the next reader of the same scope and cursor. */
  private readonly pages = new PullPageCache();

  constructor(
    private readonly repository: SyncRepository,
    private readonly geographies: GeographyService,
    private readonly clock: () => Date,
    /** Submitted period reports in force (SubmissionService.locksInForce). */
    private readonly periodLocks: () => Promise<ReportSubmission[]> = async () => [],
    /** Runs a push elsewhere (SQLite: PushWorkerClient, body text to answer); default here. */
    private readonly pushRunner?: PushRunner,
  ) {}

  /**
   * Applies a push body (its JSON text); each mutation is checked alone, so a malformed one is
   * only itself refused. SQLite: all of it, parse included, on the push worker.
   */
  async push(caller: Caller, text: string): Promise<PushResponse> {
    const today = this.geographies.today();
    if (this.pushRunner) {
      const locks = await this.periodLocks();
      return this.pushRunner.run({ caller, text, now: this.clock().toISOString(), today, locks });
    }
    const items = pushItems(text);
    // Two reads every push needs, asked for at once: the catalog (its stamp is a query) and the
    // submitted periods; a large push starts its transaction meanwhile (below).
    const catalogRead = this.geographies.catalog();
    const locksRead = this.periodLocks();
    locksRead.catch(() => {}); // awaited below, unless the catalog failed first
    const now = this.clock().toISOString();
    const apply = async (tx: PushTransaction, prepared: PreparedMutation[], early?: EarlyReads) =>
      new PushBatch(tx, caller, await catalogRead, now, today, await locksRead).run(
        prepared,
        early,
      );
    if (items.length < EARLY_READS_MIN) {
      const catalog = await catalogRead;
      return answerPush(items, caller, catalog, today, async (prepared) => {
        await locksRead;
        return this.repository.inPushTransaction((tx) => apply(tx, prepared));
      });
    }
    // A large push (a phone's backlog): its locks and reads go first, for every id its body
    // names, and its mutations are checked while the database takes them — they waited for
    // each other in turn. A mutation the checks refuse was only locked and read, never written.
    catalogRead.catch(() => {}); // awaited below, unless the transaction failed first
    return this.repository.inPushTransaction(async (tx) => {
      const named = namedInPush(items);
      const early: EarlyReads = {
        named,
        reads: tx.lockAndRead(
          caller.user.id,
          [...named.recordIds],
          [...named.mutationIds],
          [...named.photoHashes],
        ),
      };
      early.reads.catch(() => {}); // awaited below: a failure fails the push there
      await sentToDatabase();
      try {
        const catalog = await catalogRead;
        return await answerPush(items, caller, catalog, today, (prepared) =>
          apply(tx, prepared, early),
        );
      } finally {
        await early.reads;
      }
    });
  }

  /** The versions a push committed: the newest the server has seen (pull-size-estimate.ts). */
  sawPushed(answer: PushResponse): void {
    for (const result of answer.results) if ('rev' in result) this.sizes.saw(result.rev);
  }

  /**
   * Whether this pull is the next page of a catch-up the device has begun, so the work gate
   * queues it rather than refusing it (catch-up-chains.ts).
   */
  continuesCatchUp(caller: Caller, query: PullQuery): boolean {
    return this.chains.continues(caller.deviceId, query.since);
  }

  /** How many rows this pull's page will have, guessed without reading (0 if it is invalid). */
  expectedPullRows(caller: Caller, query: PullQuery): number {
    let cursor: { version: number; key?: string };
    try {
      cursor = parseCursor(query.since);
    } catch {
      return 0;
    }
    const authorOnly = query.unit === undefined && syncsOwnRecordsOnly(caller.user);
    const key = scopeKey(caller, query, authorOnly);
    const since = cursor.key !== undefined && cursor.key !== key ? 0 : cursor.version;
    return this.sizes.rows(key, since, parseLimitOr(query.limit));
  }

  /** A PullResponse as UTF-8 JSON bytes (see pull-page-json.ts for why bytes). */
  async pull(caller: Caller, query: PullQuery): Promise<Buffer> {
    return this.pullPage(await this.planPull(caller, query));
  }

  /**
   * The cheap first half of a pull: checks, scope and the page's feed rows (no record JSON), so
   * the work gate can weigh the page by its size before its expensive half (pullPage: stored
   * JSON, compression). A committed version never changes, so the page may be written later.
   */
  async planPull(caller: Caller, query: PullQuery): Promise<PullPlan> {
    const scope = scopeOf(caller, query, await this.geographies.catalog());
    const { key, since, limit, communes, authorId } = scope;
    const feed = feedKey(communes, authorId);
    const rows = await this.feedRows(feed, since, limit + 1, communes, authorId);
    const hasMore = rows.length > limit;
    const full = rows.slice(0, limit);
    // Cut where other readers' pages of this feed end too (pull-page-cut.ts).
    const page = hasMore ? full.slice(0, keptRows(full.map((r) => Number(r.version)))) : full;
    const last = Number(page.at(-1)?.version ?? since);
    this.chains.planned(
      caller.deviceId,
      query.since,
      since,
      hasMore ? `${last}.${key}` : undefined,
    );
    this.sizes.learn(key, since, page.length, last, !hasMore);
    return { ...scope, feed, page, hasMore };
  }

  /**
   * The compressed page of a pull already sent to a reader of the same scope from the same
   * cursor (a full page: see pull-page-cache.ts), or undefined. Decided without a query: the
   * scope by the catalog as confirmed at most a second ago (GeographyService.recentCatalog);
   * a pull it cannot decide so (no recent catalog, an invalid query) takes the usual path.
   */
  cachedPullPage(caller: Caller, query: PullQuery, encoding: string): Buffer | undefined {
    const catalog = this.geographies.recentCatalog(RECENT_CATALOG_MS);
    if (!catalog) return undefined;
    let scope: PullScope;
    try {
      scope = scopeOf(caller, query, catalog);
    } catch {
      return undefined;
    }
    if (scope.cacheKey === null) return undefined;
    const found = this.pages.get(`${encoding}:${scope.cacheKey}`);
    if (found) this.chains.planned(caller.deviceId, query.since, scope.since, found.cursor);
    return found?.compressed;
  }

  /** Keeps a page's compressed bytes when it can never change (a full page without a count). */
  keepPage(plan: PullPlan, encoding: string, compressed: Buffer): void {
    if (plan.cacheKey === null || !plan.hasMore) return;
    const cursor = `${plan.page.at(-1)?.version ?? plan.since}.${plan.key}`;
    this.pages.keep(`${encoding}:${plan.cacheKey}`, { compressed, cursor });
  }

  /**
   * Up to `want` rows of the reader's feed after `since`: those already read for a reader of the
   * same feed, then from the database only what lies above them (feed-cache.ts).
   */
  private async feedRows(
    feed: string,
    since: number,
    want: number,
    communes: UnitRef[] | null,
    authorId: string | null,
  ): Promise<FeedHead[]> {
    // A first sync (from 0) reads the database: what is kept serves cursors (catch-ups).
    const kept = since === 0 ? undefined : this.feeds.after(feed, since, want);
    if (kept !== undefined && kept.rows.length >= want) return kept.rows;
    const from = kept?.upTo ?? since;
    const needed = want - (kept?.rows.length ?? 0);
    const read =
      authorId === null
        ? await this.repository.feed(from, needed, communes)
        : await this.repository.feedByAuthor(from, needed, authorId, communes);
    const rows = kept === undefined ? read : kept.rows.concat(read);
    this.feeds.learn(feed, since, rows);
    return rows;
  }

  /**
   * What determines a planned page's bytes, short: its feed's rows from `since` to its last
   * version (committed, so unchanging, and the feed fixes which are tombstones) and its tail.
   * Pages of equal identity are byte-identical, so their compressed bytes are shared without
   * hashing the page (compressed-bodies.ts). None when the page counts what remains (that
   * count moves with every push).
   */
  pageIdentity(plan: PullPlan): string | undefined {
    if (plan.count !== undefined) return undefined;
    const last = plan.page.at(-1)?.version ?? plan.since;
    const tail = { key: plan.key, hasMore: plan.hasMore, restarted: plan.restarted };
    return `${plan.feed}\u0000${plan.since}\u0000${last}\u0000${JSON.stringify(tail)}\u0000${JSON.stringify(plan.caller.user)}`;
  }

  /** The page of a planned pull as UTF-8 JSON bytes. */
  async pullPage(plan: PullPlan): Promise<Buffer> {
    const { page, communes, authorId, hasMore } = plan;
    const visible = communes === null ? null : new Set(communes.map(refKey));
    const last = page.at(-1)?.version ?? plan.since;
    const remaining =
      plan.count !== 'activities'
        ? undefined
        : !hasMore
          ? 0
          : authorId === null
            ? await this.repository.countActivityFeed(Number(last), communes)
            : await this.repository.countAuthorFeed(Number(last), authorId, communes);
    const records = plan.count === 'records' ? await this.countRecords(plan) : undefined;
    const changes = await this.fragments.of(page, visible, (versions) =>
      this.repository.changeData(versions),
    );
    return pullPageBytes(changes, `${last}.${plan.key}`, hasMore, {
      user: plan.caller.user,
      remaining,
      records,
      restarted: plan.restarted,
    });
  }

  /** Activity records with a change after the pull's `since` (PullResponse.records), each once. */
  private countRecords({ page, hasMore, since, communes, authorId }: PullPlan): Promise<number> {
    // The whole pull is this page: its own rows answer, without a query.
    if (!hasMore) {
      const ids = page.filter((c) => c.collection === 'activities').map((c) => c.record_id);
      return Promise.resolve(new Set(ids).size);
    }
    return authorId === null
      ? this.repository.countActivityRecords(since, communes)
      : this.repository.countAuthorRecords(since, authorId, communes);
  }

  async history(caller: Caller, recordId: string): Promise<HistoryResponse> {
    const current = await this.repository.findActivity(recordId);
    if (!current) throw notFound('activityNotOnServer');
    const catalog = await this.geographies.catalog();
    const unit = { geographyId: current.geography_id, code: current.commune_code };
    if (!mayRead(caller.user, catalog, unit)) {
      throw forbidden('noReadRightActivities');
    }
    const rows = await this.repository.history(recordId);
    const versions = rows.map((row) => ({
      rev: row.version,
      op: row.op,
      data: row.data === null ? null : (JSON.parse(row.data) as Activity),
      ...(row.submitted === null ? {} : { submitted: JSON.parse(row.submitted) }),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    }));
    // Versions from before the record came into the caller's scope (a province moved it from
    // another commune) say where it was and what it held there: not the caller's to read.
    const outside = (v: (typeof versions)[number]) =>
      v.data !== null &&
      !mayRead(caller.user, catalog, { geographyId: v.data.geographyId, code: v.data.communeCode });
    const hidden = versions.findLastIndex(outside) + 1;
    return {
      recordId,
      versions: versions.slice(hidden),
      ...(hidden > 0 ? { earlierHidden: hidden } : {}),
    };
  }
}

/**
 * From this many mutations a push checks them while its locks and reads run (push). Smaller
 * pushes check first: their checks take less than the turn of the event loop that overlapping
 * costs, and their transaction then holds a pooled connection for less time.
 */
const EARLY_READS_MIN = 50;

/**
 * Lets the query just started reach the database before synchronous work begins: Kysely sends
 * it after a few promise turns, all run before the next turn of the event loop.
 */
const sentToDatabase = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How old a catalog may be to decide a pull served from the page cache (ms). */
const RECENT_CATALOG_MS = 1000;
