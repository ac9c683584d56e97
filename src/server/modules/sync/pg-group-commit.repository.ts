import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  GroupWriteUndone,
  pgBatchParameters,
  pgBatchWriteAndCommit,
  pgGroupWriteAndCommit,
  type PgBatch,
  type SqlText,
} from './pg-batch-write.repository';
import { INLINE_MAX_CHARS } from './pg-array-parameters';

// PostgreSQL group commit: pushes that reach their last write while others are writing are
// written together — one statement, one take of the version counter, one COMMIT.

export interface GroupCommitOptions {
  /**
   * Writes sent at once. Each waits for the counter row inside PostgreSQL while the one before
   * commits; a second one queued there starts the moment the row is free (one would leave the
   * row idle for a turn of Node's event loop between writes).
   */
  maxInFlight: number;
  /** At most this many pushes in one write. */
  maxMembers: number;
  /** At most this many characters of parameters in one write (each push's ≤ INLINE_MAX_CHARS). */
  maxChars: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = {
  maxInFlight: 2,
  maxMembers: 16,
  maxChars: 4 * INLINE_MAX_CHARS,
};

/** How a push's last write went: its first version, and whether its own transaction committed. */
export interface GroupWriteResult {
  first: number;
  /** false: written and committed by another push's transaction; its own holds only reads. */
  committed: boolean;
}

interface Pending {
  db: Kysely<DB>;
  batch: PgBatch;
  size: number;
  resolve: (result: GroupWriteResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Every PostgreSQL push takes the one `version_counter` row with its last write and holds it
 * until its COMMIT; at 500 phones the row is held most of the burst and pushes take turns on it,
 * each turn a statement, a commit and a wake-up on two busy cores. Here, while `maxInFlight`
 * writes are under way, pushes that reach their last write wait in Node and are then written
 * together by ONE statement in the first one's transaction: one counter take, one commit, one
 * turn on the row for all of them — fewer commits and round trips, more pushes per second.
 *
 * What each push keeps: its own per-mutation results (its versions are a contiguous block of
 * those taken, renumbered as before); exactly-once — a push's records and mutation ids are
 * locked by its own transaction (advisory locks, PushTransaction.lockRecords) from before its
 * reads until that transaction ends, which for a push written by another's transaction is only
 * after that commit: so two pushes of one record or one mutation id (a batch sent twice at
 * once) are never in one group, and the second reads what the first wrote. Gap-free: one
 * commit makes all the group's versions visible at once, in counter order. If the group's
 * statement fails, it is undone (savepoint) and every push is written alone, as without grouping.
 *
 * Pushes taking no version, or too large to be written into one query text, are written alone.
 */
export class PgGroupCommit {
  private inFlight = 0;
  private readonly queue: Pending[] = [];
  /** For tests and logs: writes of several pushes, pushes written that way, groups undone. */
  readonly stats = { groups: 0, grouped: 0, undone: 0 };

  constructor(
    private readonly sqlText: SqlText,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  /** Writes `batch` (taken in the transaction on `db`) alone or with others, and commits. */
  async write(db: Kysely<DB>, batch: PgBatch): Promise<GroupWriteResult> {
    const statement = pgBatchParameters([batch]);
    if (statement.count === 0 || statement.size > INLINE_MAX_CHARS) {
      return {
        first: await pgBatchWriteAndCommit(db, this.sqlText, batch, statement),
        committed: true,
      };
    }
    return new Promise<GroupWriteResult>((resolve, reject) => {
      this.queue.push({ db, batch, size: statement.size, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = [this.queue.shift()!];
      let chars = group[0]!.size;
      while (
        this.queue.length > 0 &&
        group.length < this.options.maxMembers &&
        chars + this.queue[0]!.size <= this.options.maxChars
      ) {
        chars += this.queue[0]!.size;
        group.push(this.queue.shift()!);
      }
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    const [leader, ...followers] = group as [Pending, ...Pending[]];
    let firsts: number[];
    try {
      firsts = await pgGroupWriteAndCommit(
        leader.db,
        this.sqlText,
        group.map((p) => p.batch),
      );
    } catch (error) {
      this.stats.undone += 1;
      // Undone: each push is written alone, the first one too (its transaction is intact).
      // Otherwise the first push's transaction is lost — it fails as any push whose commit
      // fails (nothing of it was written) — and the others are written alone.
      if (error instanceof GroupWriteUndone) await Promise.all(group.map((p) => this.alone(p)));
      else {
        leader.reject(error);
        await Promise.all(followers.map((p) => this.alone(p)));
      }
      return;
    }
    this.stats.groups += 1;
    this.stats.grouped += group.length;
    leader.resolve({ first: firsts[0]!, committed: true });
    for (const [i, p] of followers.entries())
      p.resolve({ first: firsts[i + 1]!, committed: false });
  }

  private async alone(p: Pending): Promise<void> {
    try {
      p.resolve({
        first: await pgBatchWriteAndCommit(p.db, this.sqlText, p.batch),
        committed: true,
      });
    } catch (error) {
      p.reject(error);
    }
  }
}
