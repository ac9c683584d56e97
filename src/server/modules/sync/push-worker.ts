import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection, sqliteKysely } from '../../db/sqlite-connection';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyService } from '../geography/geography.service';
import { PushBatch } from './push-batch';
import { SyncRepository } from './sync.repository';
import type { PushJob, PushWorkerReply } from './push-worker-client';

// Runs in a worker thread (push-worker-client.ts): SQLite's push transactions, each whole, on
// this thread's own connection, so the server's event loop never waits for their statements.

const { file } = (workerData as { data: { file: string } }).data;
const sqlite = openSqliteConnection(file);
const db = sqliteKysely(sqlite);
const repository = new SyncRepository(db, 'sqlite');
// The clock is the caller's (each job brings its `now` and `today`); the catalog is only read.
const geographies = new GeographyService(new GeographyRepository(db), () => new Date());
const port = parentPort!;

async function run(job: PushJob): Promise<PushWorkerReply> {
  try {
    const catalog = await geographies.catalog();
    const results = await repository.inPushTransaction((tx) =>
      new PushBatch(tx, job.caller, catalog, job.now, job.today, job.locks).run(job.prepared),
    );
    return { id: job.id, results };
  } catch (error) {
    const { message, code, stack } = error as { message?: string; code?: string; stack?: string };
    return { id: job.id, error: { message: message ?? String(error), code, stack } };
  }
}

// One job at a time, in arrival order: jobs arriving while one runs wait in the port's queue
// only as long as that job's own await points (all synchronous SQLite calls) take.
let chain = Promise.resolve();
port.on('message', (message: PushJob | 'close') => {
  if (message === 'close') {
    chain = chain.then(async () => {
      await db.destroy();
      port.close();
    });
    return;
  }
  chain = chain.then(async () => port.postMessage(await run(message)));
});
port.postMessage({ ready: true });
