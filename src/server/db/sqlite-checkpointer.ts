import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies committed WAL pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 500;

// CommonJS, evaluated in the worker: better-sqlite3 is loaded from the path this module resolves,
// whatever the process's working directory.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 100');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (another checkpoint) or a transient error: the next turn tries again.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Copies the WAL into the database file from a worker thread. SQLite does this by default in
 * the COMMIT that crosses 1,000 WAL pages: that commit then writes and fsyncs megabytes on the
 * server's one thread — a quarter of its SQLite time at 500 phones — while every request waits.
 * A PASSIVE checkpoint on its own connection blocks neither the writer nor the readers; the
 * writer keeps a far larger automatic threshold only as a safety net (see openSqlite).
 */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // Never keeps the process alive, and a worker that fails only leaves checkpoints to the writer.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
