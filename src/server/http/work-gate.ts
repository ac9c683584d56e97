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
  /** Hard bound on the queue, whatever the estimates say. */
  maxWaiting: number;
  /**
   * A request is admitted only if its predicted wait in the queue (the work queued ahead of it,
   * each at its kind's recent mean time, shared by the active slots) stays under this.
   */
  waitBudgetMs: number;
  /**
   * CoDel-like guard against wrong estimates: while the oldest waiter has already waited this
   * long, new requests are refused (those queued keep their place: they were promised an answer).
   */
  maxSojournMs: number;
  /** Mean time of a kind before any was measured. */
  initialEstimateMs?: Partial<Record<WorkKind, number>>;
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
  maxSojournMs: 1000,
} satisfies Partial<WorkGateOptions>;

interface Waiter {
  kind: WorkKind;
  estimateMs: number;
  since: number;
  start: () => void;
}

const DEFAULT_ESTIMATE_MS: Record<WorkKind, number> = {
  push: 50,
  pull: 50,
  fullPull: 150,
  history: 20,
};
/** Weight of the newest measurement in a kind's running mean. */
const EWMA_WEIGHT = 0.2;

/**
 * Admission control for sync requests. When 500 phones sync at once, a server that admits every
 * request answers each only after all those ahead of it — on two cores, seconds for everyone,
 * health checks included. This gate admits a request only when it can be served soon: when the
 * queue's predicted wait is under a budget and nobody queued has waited too long. Otherwise the
 * request is answered at once, 503 problem+json with `Retry-After` (whole seconds, RFC 9110),
 * which the app's sync engine honours. The refused are not sent back as one herd: each is
 * booked a later moment at the rate the server has been draining work (plus a second of jitter),
 * so they return spread over the time the queue needs to empty.
 *
 * Admitted requests run at most `maxActive` at a time, first come first served; each starts in
 * a new turn of the event loop (setImmediate), so I/O is served between them.
 */
export class WorkGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  /** Sum of the waiters' estimates: the work queued ahead of a new arrival. */
  private queuedMs = 0;
  private readonly meanMs: Record<WorkKind, number>;
  /** Up to when the capacity is already promised to refused requests (ms, gate clock). */
  private bookedUntil = 0;
  private readonly now: () => number;
  private readonly random: () => number;
  private counters = { admitted: 0, refused: 0 };

  constructor(private readonly options: WorkGateOptions) {
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.meanMs = { ...DEFAULT_ESTIMATE_MS, ...options.initialEstimateMs };
  }

  /**
   * Runs `work` when admitted. `waitedMs`: how long the request already waited before reaching
   * the gate (reply.elapsedTime: a busy event loop, the token check); it counts against the
   * budget, since the phone waits for that too.
   */
  async run<T>(kind: WorkKind, work: () => Promise<T>, waitedMs = 0): Promise<T> {
    await this.admit(kind, waitedMs);
    const started = this.now();
    try {
      return await work();
    } finally {
      this.learn(kind, this.now() - started);
      this.release();
    }
  }

  /** Requests admitted or waiting, and the totals so far (for tests and logs). */
  get load(): { active: number; waiting: number; admitted: number; refused: number } {
    return { active: this.active, waiting: this.waiting.length, ...this.counters };
  }

  /** How long a request arriving now would wait in the queue, by the recent means. */
  predictedWaitMs(): number {
    if (this.active < this.options.maxActive) return 0;
    return this.options.maxActive > 0 ? this.queuedMs / this.options.maxActive : Infinity;
  }

  /** Recent mean time of a kind's work (ms). */
  meanOf(kind: WorkKind): number {
    return this.meanMs[kind];
  }

  private admit(kind: WorkKind, waitedMs: number): void | Promise<void> {
    // A free slot always admits: the server keeps making progress however late requests are.
    if (this.active < this.options.maxActive) {
      this.active += 1;
      this.counters.admitted += 1;
      return;
    }
    const now = this.now();
    const estimateMs = this.meanMs[kind];
    const oldest = this.waiting[0];
    const wait =
      this.options.maxActive > 0 ? (this.queuedMs + estimateMs) / this.options.maxActive : Infinity;
    if (
      this.waiting.length >= this.options.maxWaiting ||
      waitedMs + wait > this.options.waitBudgetMs ||
      (oldest !== undefined && now - oldest.since > this.options.maxSojournMs)
    ) {
      this.counters.refused += 1;
      throw this.busy(now, estimateMs);
    }
    this.counters.admitted += 1;
    this.queuedMs += estimateMs;
    return new Promise<void>((start) => this.waiting.push({ kind, estimateMs, since: now, start }));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      this.queuedMs = Math.max(0, this.queuedMs - next.estimateMs);
      // The slot passes to the next request, which starts in the next turn of the event loop.
      setImmediate(next.start);
    } else {
      this.active -= 1;
    }
  }

  private learn(kind: WorkKind, ms: number): void {
    this.meanMs[kind] = this.meanMs[kind] * (1 - EWMA_WEIGHT) + ms * EWMA_WEIGHT;
  }

  /**
   * The refused request's turn: after the queue drains and after those refused before it, at
   * the rate the active slots work through its kind; rounded up to whole seconds, plus 0–1 s.
   */
  private retryAfterSeconds(now: number, estimateMs: number): number {
    const slots = Math.max(1, this.options.maxActive);
    const drained = now + this.queuedMs / slots;
    this.bookedUntil = Math.max(this.bookedUntil, drained) + estimateMs / slots;
    const seconds = Math.ceil((this.bookedUntil - now) / 1000) + (this.random() < 0.5 ? 0 : 1);
    return Math.min(this.options.maxRetryAfterSeconds ?? 120, Math.max(1, seconds));
  }

  private busy(now: number, estimateMs: number): HttpProblem {
    return new HttpProblem(503, PROBLEM_TYPES.unavailable, 'serverBusy', undefined, undefined, {
      'retry-after': String(this.retryAfterSeconds(now, estimateMs)),
    });
  }
}
