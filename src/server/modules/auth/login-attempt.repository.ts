import type { Kysely } from 'kysely';
import { sql } from '../../db/kysely-runtime';
import type { DB } from '../../db/schema';

export interface Reservation {
  key: string;
  /** Attempts in this window, this one included. */
  count: number;
  windowStart: number;
}

/** Attempt counters per key in fixed windows; every change is one atomic statement. */
export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Counts one more attempt for `key` and returns the new count, atomically: parallel requests
   * each get their own number, so no more than the limit ever reach the password check.
   */
  async reserve(key: string, now: number, windowMs: number): Promise<Reservation> {
    const expired = now - windowMs;
    const row = await this.db
      .insertInto('login_attempts')
      .values({ key, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when login_attempts.window_start <= ${expired} then 1 else login_attempts.count + 1 end`,
          window_start: sql<number>`case when login_attempts.window_start <= ${expired} then ${now} else login_attempts.window_start end`,
        }),
      )
      .returning(['count', 'window_start'])
      .executeTakeFirstOrThrow();
    return { key, count: Number(row.count), windowStart: Number(row.window_start) };
  }

  /** Gives back a reserved attempt (a success, or one that was refused before it was tried). */
  async release(reservation: Reservation): Promise<void> {
    await this.db
      .updateTable('login_attempts')
      .set({ count: sql<number>`count - 1` })
      .where('key', '=', reservation.key)
      .where('window_start', '=', reservation.windowStart)
      .where('count', '>', 0)
      .execute();
  }

  /**
   * Drops every counter of one username (alone and per address): after an admin reset the owner
   * gets in at once, not after someone else's failures expire. `\` escapes LIKE's wildcards.
   */
  async forgetUser(username: string): Promise<void> {
    const escaped = username.replace(/[\\%_]/g, (c) => `\\${c}`);
    await this.db
      .deleteFrom('login_attempts')
      .where((eb) =>
        eb.or([
          eb('key', '=', `user:${username}`),
          sql<boolean>`${eb.ref('key')} like ${`address:%|user:${escaped}`} escape '\\'`,
        ]),
      )
      .execute();
  }

  /** Drops counters whose window ended before `before`. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('window_start', '<', before).execute();
  }
}
