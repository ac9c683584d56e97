import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/server/db/database';

// CPU time of the PostgreSQL backends serving one connection pool, when the database runs on
// this machine (/proc/<pid>/schedstat, nanoseconds on a CPU). The pool is tagged with its own
// application_name; its backends are found in pg_stat_activity. On a shared machine this says
// what the wall clock cannot: how much work the database did, whatever else competed for the CPU.

export interface BackendCpu {
  /** The same database, its connections tagged (give this to openDatabase / buildApp). */
  config: DatabaseConfig;
  /**
   * Milliseconds of CPU the tagged backends used since the last call (a backend started since
   * counts from its start); undefined when the backends are not on this machine.
   */
  lap(): Promise<number | undefined>;
  close(): Promise<void>;
}

const cpuMs = (pid: number): number | undefined => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined; // not on this machine (or gone)
  }
};

export function backendCpu(config: DatabaseConfig): BackendCpu {
  if (config.kind !== 'postgres') throw new Error('PostgreSQL only');
  const tag = `bench-${randomBytes(5).toString('hex')}`;
  const url = new URL(config.connectionString);
  url.searchParams.set('application_name', tag);
  const monitor = new pg.Client({ connectionString: config.connectionString });
  const connected = monitor.connect();
  let last = new Map<number, number>();
  return {
    config: { ...config, connectionString: url.toString() },
    async lap() {
      await connected;
      const { rows } = await monitor.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1',
        [tag],
      );
      const now = new Map<number, number>();
      let used = 0;
      let local = true;
      for (const { pid } of rows) {
        const ms = cpuMs(pid);
        if (ms === undefined) local = false;
        else {
          now.set(pid, ms);
          used += ms - (last.get(pid) ?? 0);
        }
      }
      last = now;
      return local ? used : undefined;
    },
    close: () => monitor.end(),
  };
}
