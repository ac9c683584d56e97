import { HttpProblem } from './problem';
import { PROBLEM_TYPES } from '../../shared/sync/sync-protocol';

/** What a sync request costs differs by kind: a first page from version 0 is the largest. */
export type WorkKind = 'push' | 'pull' | 'fullPull' | 'history';

export interface WorkGateOptions {
  /**
   * Requests whose work runs at once (SQLite: a few; PostgreSQL: the pool's connections); 0
   * refuses every sync request with Retry-After (maintenance).
   */
  maxActive: number;
  /**
   * At most this many first-sync pages (the bulk kind) run at once; the other slots are kept for
   * pushes, pulls since a cursor and history, which also pass queued first-sync pages. Default:
   * maxActive (nothing kept).
   */
  maxBulkActive?: number;
  /**
   * Up to this many first-sync pages are served before queued urgent work, so a steady stream
   * of pushes never starves new phones. Default: 0.
   */
  minBulkActive?: number;
  /** Hard bound on the queue, whatever the estimates say. */
  maxWaiting: number;
  /**
   * A request is admitted only if its predicted wait in the queue (the work queued ahead of it,
   * each at its kind's recent mean time, shared by the active slots) stays under this.
   */
  waitBudgetMs: number;
  /**
   * The budget for pushes, pulls since a cursor and history (default: waitBudgetMs). A refused
   * request waits at least a second more, so for a push a short queue beats a 503.
   */
  urgentWaitBudgetMs?: number;
  /**
   * CoDel-like guard against wrong estimates: while the oldest waiter has already waited this
   * long, new requests are refused (those queued keep their place: they were promised an answer).
   */
  maxSojournMs: number;
  /** Mean time of a kind (its fixed part, for a request of no rows) before any was measured. */
  initialEstimateMs?: Partial<Record<WorkKind, number>>;
  /** Time per row of a pull page before any large page was measured. */
  initialPerRowMs?: Partial<Record<WorkKind, number>>;
  /**
   * Requests the caller marks owed (a phone's next page of a catch-up it has begun) are queued
   * whatever the predicted wait, never refused but at `maxWaiting` (SQLite; default false):
   * refusing the middle of a begun catch-up makes the phone wait whole seconds again for pages
   * the server will serve anyway, and its pages wait behind those who began later.
   */
  owedAdmitted?: boolean;
  /**
   * Refused pulls since a cursor are booked at what pulls really cost against their estimate
   * (pages sent from kept bytes included), not at a built page's estimate (SQLite; default
   * false). Since session 11 many catch-up pages cost ~1 ms (kept bytes), and bookings at a
   * built page's estimate sent refused phones back seconds after the server had gone idle.
   */
  bookPullsAtRealCost?: boolean;
  /** Refused requests are not told to come back later than this. */
  maxRetryAfterSeconds?: number;
  now?: () => number;
  random?: () => number;
}

/**
 * Defaults sized for issue 14's targets (push answered within 1 s, pull 1.5 s): an admitted
 * request waits ~0.4 s at most by the estimates, 1 s at most by what the queue shows.
 */
export const DEFAULT_GATE_LIMITS = {
  maxWaiting: 1000,
  waitBudgetMs: 400,
  urgentWaitBudgetMs: 600,
  maxSojournMs: 1000,
} satisfies Partial<WorkGateOptions>;

interface Waiter {
  estimateMs: number;
  since: number;
  start: () => void;
}

/** The two queues: what a phone is waiting on now (its push, a short pull), and bulk work. */
type Lane = 'urgent' | 'bulk';
const laneOf = (kind: WorkKind): Lane => (kind === 'fullPull' ? 'bulk' : 'urgent');

const DEFAULT_ESTIMATE_MS: Record<WorkKind, number> = {
  push: 50,
  pull: 50,
  fullPull: 30,
  history: 20,
};
/** A 500-change page at ~125 ms until measured (a short pull: its fixed part alone). */
const DEFAULT_PER_ROW_MS: Record<WorkKind, number> = {
  push: 0,
  pull: 0.25,
  fullPull: 0.25,
  history: 0,
};
/**
 * Pages of at most this many rows teach a kind's fixed time, larger ones its time per row: a
 * short pull is mostly fixed costs (token, query, answer), a catch-up page mostly per-row ones
 * (its stored JSON, its compression).
 */
export const SMALL_PAGE_ROWS = 50;
/** Weight of the newest measurement in a kind's running mean. */
const EWMA_WEIGHT = 0.2;
/** A refused pull is booked at no less than this share of its estimate. */
const MIN_COST_RATIO = 0.1;

/**
 * Admission control for sync requests. When 500 phones sync at once, a server that admits every
 * request answers each only after all those ahead of it — on two cores, seconds for everyone,
 * health checks included. This gate admits a request only when it can be served soon: when the
 * queue's predicted wait is under a budget and nobody queued has waited too long. Otherwise the
 * request is answered at once, 503 problem+json with `Retry-After` (whole seconds, RFC 9110),
 * which the app's sync engine honours. The refused are not sent back as one herd: each is
 * booked a later moment at the rate the server has been draining its lane (plus a second of
 * jitter), so they return spread over the time the queue needs to empty.
 *
 * Pushes are preferred over first-sync pages: an unacknowledged push is an officer's work at
 * risk and costs little, a first-sync page is large and a new phone can wait. So first-sync
 * pages (the bulk lane) hold at most `maxBulkActive` slots, the rest are kept for the urgent
 * lane (push, pull since a cursor, history), which also has a longer wait budget; a freed slot
 * goes to a queued urgent request before a queued first-sync page — except that a slot freed
 * by a first-sync page goes to the next one, and pages get slots first while they hold fewer
 * than `minBulkActive`, so new phones are never starved. Each lane predicts its wait and books
 * its refused on its own horizon.
 *
 * Admitted requests start in a new turn of the event loop (setImmediate) when they were
 * queued, so I/O is served between them.
 */
export class WorkGate {
  private active = 0;
  private activeBulk = 0;
  private readonly waiting: Record<Lane, Waiter[]> = { urgent: [], bulk: [] };
  /** Sum of each lane's waiters' estimates: the work queued ahead of a new arrival. */
  private readonly queuedMs: Record<Lane, number> = { urgent: 0, bulk: 0 };
  /** Per kind, the recent mean of its fixed time and of its time per row of its page. */
  private readonly meanMs: Record<WorkKind, number>;
  private readonly perRowMs: Record<WorkKind, number>;
  /** Per lane, up to when its capacity is already promised to refused requests (gate clock). */
  private readonly bookedUntil: Record<Lane, number> = { urgent: 0, bulk: 0 };
  private readonly maxBulkActive: number;
  private readonly minBulkActive: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private counters = { admitted: 0, refused: 0 };
  /** Pulls' real time against their estimate, every one (kept pages too), for bookings. */
  private pullCostRatio = 1;

  constructor(private readonly options: WorkGateOptions) {
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.meanMs = { ...DEFAULT_ESTIMATE_MS, ...options.initialEstimateMs };
    this.perRowMs = { ...DEFAULT_PER_ROW_MS, ...options.initialPerRowMs };
    this.maxBulkActive = Math.min(options.maxActive, options.maxBulkActive ?? options.maxActive);
    this.minBulkActive = Math.min(this.maxBulkActive, options.minBulkActive ?? 0);
  }

  /**
   * Runs `work` when admitted. `waitedMs`: how long the request already waited before reaching
   * the gate (reply.elapsedTime: a busy event loop, the token check); it counts against the
   * budget, since the phone waits for that too. `rows`: the expected size of a pull's page — a
   * catch-up page of 500 changes costs many short pulls, and weighed as one it would be
   * admitted with hundreds of others into a queue of seconds. `work` reports the size it
   * really had (`weigh`), from which the gate learns — unless it says its time is not one to
   * learn from (a page whose compressed bytes were already kept costs next to nothing; learning
   * from those would price the next built page at a fraction of its cost).
   */
  async run<T>(
    kind: WorkKind,
    work: (weigh: (rows: number, typical?: boolean) => void) => Promise<T>,
    waitedMs = 0,
    rows = 0,
    owed = false,
  ): Promise<T> {
    const estimateMs = this.estimateOf(kind, rows);
    await this.admit(kind, waitedMs, estimateMs, owed);
    const started = this.now();
    let actualRows = rows;
    let typical = true;
    try {
      return await work((n, isTypical = true) => {
        actualRows = n;
        typical = isTypical;
      });
    } finally {
      const ms = this.now() - started;
      if (typical) this.learn(kind, actualRows, ms);
      if (kind === 'pull') {
        const ratio = Math.min(1, Math.max(MIN_COST_RATIO, ms / Math.max(1, estimateMs)));
        this.pullCostRatio = this.pullCostRatio * (1 - EWMA_WEIGHT) + ratio * EWMA_WEIGHT;
      }
      this.release(laneOf(kind));
    }
  }

  /** Requests admitted or waiting, and the totals so far (for tests and logs). */
  get load(): {
    active: number;
    activeBulk: number;
    waiting: number;
    admitted: number;
    refused: number;
  } {
    return {
      active: this.active,
      activeBulk: this.activeBulk,
      waiting: this.waiting.urgent.length + this.waiting.bulk.length,
      ...this.counters,
    };
  }

  /** How long a request of `kind` arriving now would wait in the queue, by the recent means. */
  predictedWaitMs(kind: WorkKind = 'push'): number {
    if (this.canStart(laneOf(kind))) return 0;
    return this.waitFor(laneOf(kind), 0);
  }

  /** Recent mean time of a kind's work (ms), its fixed part (a request of no rows). */
  meanOf(kind: WorkKind): number {
    return this.meanMs[kind];
  }

  /** Predicted time of a request of `kind` whose page has `rows` rows (ms). */
  estimateOf(kind: WorkKind, rows = 0): number {
    return this.meanMs[kind] + this.perRowMs[kind] * rows;
  }

  /**
   * A free slot the lane may take now. The bulk lane: within its share, and only if nobody
   * urgent is queued — unless it holds fewer than its minimum.
   */
  private canStart(lane: Lane): boolean {
    if (this.active >= this.options.maxActive) return false;
    if (lane === 'urgent') return true;
    return (
      this.activeBulk < this.minBulkActive ||
      (this.activeBulk < this.maxBulkActive && this.waiting.urgent.length === 0)
    );
  }

  /**
   * Slots that drain a lane's queue: the urgent lane has those first-sync pages do not hold;
   * the bulk lane those it holds (each passes to the next page), at least its minimum.
   */
  private slotsFor(lane: Lane): number {
    return lane === 'urgent'
      ? Math.max(1, this.options.maxActive - this.activeBulk)
      : Math.max(1, this.minBulkActive, this.activeBulk);
  }

  /**
   * Predicted wait of a request of `lane` with `estimateMs` of its own: urgent requests wait
   * only for the urgent queue, on the slots first-sync pages do not hold; a first-sync page for
   * everything queued, on all slots, and for its own queue on its slots — whichever is longer.
   */
  private waitFor(lane: Lane, estimateMs: number): number {
    if (this.options.maxActive <= 0) return Infinity;
    if (lane === 'urgent') return (this.queuedMs.urgent + estimateMs) / this.slotsFor('urgent');
    const all = (this.queuedMs.urgent + this.queuedMs.bulk + estimateMs) / this.options.maxActive;
    return Math.max(all, (this.queuedMs.bulk + estimateMs) / this.slotsFor('bulk'));
  }

  private admit(
    kind: WorkKind,
    waitedMs: number,
    estimateMs: number,
    owed: boolean,
  ): void | Promise<void> {
    const lane = laneOf(kind);
    // A free slot always admits: the server keeps making progress however late requests are.
    if (this.canStart(lane)) {
      this.take(lane);
      this.counters.admitted += 1;
      return;
    }
    const now = this.now();
    const queue = this.waiting[lane];
    const oldest = queue[0];
    const bounded = !(owed && this.options.owedAdmitted);
    if (
      this.waiting.urgent.length + this.waiting.bulk.length >= this.options.maxWaiting ||
      (bounded && waitedMs + this.waitFor(lane, estimateMs) > this.budgetOf(lane)) ||
      (bounded && oldest !== undefined && now - oldest.since > this.options.maxSojournMs)
    ) {
      this.counters.refused += 1;
      const scale = kind === 'pull' && this.options.bookPullsAtRealCost ? this.pullCostRatio : 1;
      throw this.busy(lane, now, estimateMs * scale);
    }
    this.counters.admitted += 1;
    this.queuedMs[lane] += estimateMs;
    return new Promise<void>((start) => queue.push({ estimateMs, since: now, start }));
  }

  private budgetOf(lane: Lane): number {
    return lane === 'urgent'
      ? (this.options.urgentWaitBudgetMs ?? this.options.waitBudgetMs)
      : this.options.waitBudgetMs;
  }

  private take(lane: Lane): void {
    this.active += 1;
    if (lane === 'bulk') this.activeBulk += 1;
  }

  private release(lane: Lane): void {
    this.active -= 1;
    if (lane === 'bulk') this.activeBulk -= 1;
    // A first-sync page's slot goes to the next page (the bulk lane keeps its share), as does
    // any slot while pages hold fewer than their minimum; any other freed slot to urgent work
    // first, then to a page if the bulk share allows.
    const bulkWaits = this.waiting.bulk.length > 0;
    const next =
      bulkWaits && (lane === 'bulk' || this.activeBulk < this.minBulkActive)
        ? 'bulk'
        : this.waiting.urgent.length > 0
          ? 'urgent'
          : bulkWaits && this.activeBulk < this.maxBulkActive
            ? 'bulk'
            : undefined;
    if (next === undefined) return;
    const waiter = this.waiting[next].shift()!;
    this.queuedMs[next] = Math.max(0, this.queuedMs[next] - waiter.estimateMs);
    this.take(next);
    // The slot passes to the next request, which starts in the next turn of the event loop.
    setImmediate(waiter.start);
  }

  /** A small page teaches the fixed part (its rows at the current rate taken off), a large one the rate per row. */
  private learn(kind: WorkKind, rows: number, ms: number): void {
    if (rows <= SMALL_PAGE_ROWS) {
      const fixed = Math.max(0, ms - this.perRowMs[kind] * rows);
      this.meanMs[kind] = this.meanMs[kind] * (1 - EWMA_WEIGHT) + fixed * EWMA_WEIGHT;
    } else {
      const perRow = Math.max(0, ms - this.meanMs[kind]) / rows;
      this.perRowMs[kind] = this.perRowMs[kind] * (1 - EWMA_WEIGHT) + perRow * EWMA_WEIGHT;
    }
  }

  /**
   * The refused request's turn: after its lane's queue drains and after those of its lane
   * refused before it, at the rate the lane's slots work through its kind; rounded up to whole
   * seconds, plus 0–1 s.
   */
  private retryAfterSeconds(lane: Lane, now: number, estimateMs: number): number {
    const slots = this.slotsFor(lane);
    // No slots at all (maintenance): nothing drains; the refused are spread from now on.
    const drained = now + (this.options.maxActive > 0 ? this.waitFor(lane, 0) : 0);
    this.bookedUntil[lane] = Math.max(this.bookedUntil[lane], drained) + estimateMs / slots;
    const seconds =
      Math.ceil((this.bookedUntil[lane] - now) / 1000) + (this.random() < 0.5 ? 0 : 1);
    return Math.min(this.options.maxRetryAfterSeconds ?? 120, Math.max(1, seconds));
  }

  private busy(lane: Lane, now: number, estimateMs: number): HttpProblem {
    return new HttpProblem(503, PROBLEM_TYPES.unavailable, 'serverBusy', undefined, undefined, {
      'retry-after': String(this.retryAfterSeconds(lane, now, estimateMs)),
    });
  }
}
