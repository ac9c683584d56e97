import { HttpProblem } from './problem';
import { PROBLEM_TYPES } from '../../shared/sync/sync-protocol';

/**
 * Admits sync requests' work a few at a time, first come first served. Without it, when 500
 * phones sync at once every request that arrives in one event-loop turn starts its database
 * work in that turn: turns of seconds, during which the server accepts no new connection and
 * answers nothing else (health checks included). Each admitted request starts in a new turn
 * (setImmediate), so I/O — new connections, answers being written — is served between them.
 * When the queue is longer than the server can work through in a reasonable time, a request is
 * answered 503 with Retry-After, which the app's sync engine honours.
 */
export class WorkGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
    private readonly retryAfterSeconds = 5,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxWaiting) throw this.busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Requests admitted or waiting (for tests and logs). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes to the next request, which starts in the next turn of the event loop.
    if (next) setImmediate(next);
    else this.active -= 1;
  }

  private busy(): HttpProblem {
    return new HttpProblem(503, PROBLEM_TYPES.unavailable, 'serverBusy', undefined, undefined, {
      'retry-after': String(this.retryAfterSeconds),
    });
  }
}
