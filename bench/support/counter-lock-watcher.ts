import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// PostgreSQL: who holds the version counter's row lock, how long, and how many pushes wait for
// it — sampled every ~10 ms from pg_locks and pg_stat_activity on a connection of its own, in a
// worker thread (the load generator's main thread is too busy to sample on time). A holder is
// a backend granted RowExclusiveLock on version_counter (its UPDATE ran; held to COMMIT) and not
// waiting; "idle in transaction" while holding means it waits for the server's Node process.
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const pg = require(workerData.pg);
const client = new pg.Client({ connectionString: workerData.url });
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  await client.connect();
  const s = { samples: 0, held: 0, idleHeld: 0, waiters: 0, maxWaiters: 0, holds: new Map() };
  while (running) {
    const t = Date.now();
    const { rows } = await client.query(
      "select a.pid, a.state, a.wait_event_type as w, a.xact_start::text as xs from pg_locks l " +
      "join pg_stat_activity a on a.pid = l.pid where l.locktype = 'relation' " +
      "and l.mode = 'RowExclusiveLock' and l.granted and l.relation = to_regclass($1)",
      [workerData.table]);
    s.samples++;
    const waiting = rows.filter((r) => r.w === 'Lock').length;
    s.waiters += waiting;
    s.maxWaiters = Math.max(s.maxWaiters, waiting);
    for (const r of rows) {
      if (r.w === 'Lock') continue;
      s.held++;
      if (r.state === 'idle in transaction') s.idleHeld++;
      const key = r.pid + ' ' + r.xs;
      const span = s.holds.get(key);
      if (span) span.last = t; else s.holds.set(key, { first: t, last: t });
    }
    const spent = Date.now() - t;
    if (spent < 10) await new Promise((r) => setTimeout(r, 10 - spent));
  }
  await client.end();
  const spans = [...s.holds.values()].map((h) => h.last - h.first);
  parentPort.postMessage({ samples: s.samples, held: s.held, idleHeld: s.idleHeld,
    waiters: s.waiters, maxWaiters: s.maxWaiters, spans });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

export interface CounterLockSummary {
  samples: number;
  /** Share of samples in which some push held the counter row. */
  heldShare: number;
  /** Of the samples holding it, the share whose holder sat "idle in transaction". */
  idleInTransactionShare: number;
  meanWaiters: number;
  maxWaiters: number;
  /** How long each transaction seen holding it held it (ms, to the sampling's ~10 ms). */
  spans: number[];
}

/** Samples the counter lock of `schema` until stopped (connection string of the database). */
export function watchCounterLock(url: string, schema: string) {
  const worker = new Worker(SAMPLER, {
    eval: true,
    workerData: {
      url,
      table: `${schema}.version_counter`,
      pg: createRequire(import.meta.url).resolve('pg'),
    },
  });
  const result = new Promise<CounterLockSummary | undefined>((resolve) => {
    worker.once(
      'message',
      (m: {
        error?: string;
        samples: number;
        held: number;
        idleHeld: number;
        waiters: number;
        maxWaiters: number;
        spans: number[];
      }) => {
        // A sampler that failed (its connection refused) only loses this line of the report.
        if (m.error) return resolve(undefined);
        resolve({
          samples: m.samples,
          heldShare: Math.min(1, m.held / Math.max(1, m.samples)),
          idleInTransactionShare: m.idleHeld / Math.max(1, m.held),
          meanWaiters: m.waiters / Math.max(1, m.samples),
          maxWaiters: m.maxWaiters,
          spans: m.spans.sort((a, b) => a - b),
        });
      },
    );
    worker.once('error', () => resolve(undefined));
  });
  return {
    stop: async (): Promise<CounterLockSummary | undefined> => {
      worker.postMessage('stop');
      const summary = await result;
      await worker.terminate();
      return summary;
    },
  };
}
