import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection, sqliteKysely } from '../../db/sqlite-connection';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyService } from '../geography/geography.service';
import { HttpProblem } from '../../http/problem';
import { PushBatch } from './push-batch';
import { answerPush, pushItems } from './push-request';
import { SyncRepository } from './sync.repository';
import { problemFields, type PushJob, type PushWorkerReply } from './push-worker-client';

// Runs in a worker thread (push-worker-client.ts): SQLite's pushes, each whole — the body's
// JSON parsed and checked, the transaction on this thread's own connection — so the server's
// event loop neither parses the bodies nor waits for their statements.

const { file } = (workerData as { data: { file: string } }).data;
const sqlite = openSqliteConnection(file);
const db = sqliteKysely(sqlite);
const repository = new SyncRepository(db, 'sqlite');
// The clock is the caller's (each job brings its `now` and `today`); the catalog is only read.
const geographies = new GeographyService(new GeographyRepository(db), () => new Date());
const port = parentPort!;

async function run(job: PushJob): Promise<PushWorkerReply> {
  try {
    const items = pushItems(job.text);
    const catalog = await geographies.catalog();
    const answer = await answerPush(items, job.caller, catalog, job.today, (prepared) =>
      repository.inPushTransaction((tx) =>
        new PushBatch(tx, job.caller, catalog, job.now, job.today, job.locks).run(prepared),
      ),
    );
    return { id: job.id, answer };
  } catch (error) {
    // A refusal of the whole request (400, 413) is the client's answer, sent as it is made.
    if (error instanceof HttpProblem) return { id: job.id, problem: problemFields(error) };
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
