import type { Worker } from 'node:worker_threads';
import type { PushResponse } from '../../../shared/sync/sync-protocol';
import type { ReportSubmission } from '../../../shared/reports/report-submission';
import { startTsWorker } from '../../ts-worker';
import { HttpProblem } from '../../http/problem';
import type { Caller } from './prepare-mutation';

/**
 * One push, as plain data: the request body's JSON text (one string to copy between threads;
 * parsed and checked in the worker) and what the server's thread knows of the caller and time.
 */
export interface PushJob {
  id: number;
  caller: Caller;
  text: string;
  now: string;
  today: string;
  locks: readonly ReportSubmission[];
}

/** An HttpProblem's fields, to cross the thread boundary (an Error's class does not). */
type ProblemFields = Pick<HttpProblem, 'status' | 'type' | 'code' | 'params' | 'errors'>;

export const problemFields = ({ status, type, code, params, errors }: HttpProblem) =>
  ({ status, type, code, params, errors }) satisfies ProblemFields;

const revived = (p: ProblemFields) =>
  new HttpProblem(
    p.status,
    p.type,
    p.code.slice('problem.'.length) as ConstructorParameters<typeof HttpProblem>[2],
    p.params,
    p.errors,
  );

export type PushWorkerReply =
  | { id: number; answer: PushResponse }
  | { id: number; problem: ProblemFields }
  | { id: number; error: { message: string; code?: string; stack?: string } };

/**
 * SQLite pushes on a worker thread (push-worker.ts) with its own writer connection: the body's
 * text goes in, the answer comes out.
 * On the server's thread every statement of a push — reads, merges, the multi-row writes, the
 * COMMIT — blocked the event loop: at 500 phones, turns of seconds in which no connection was
 * accepted and no health check answered. The worker runs each push transaction whole, as one
 * message, while the event loop keeps serving.
 *
 * The cursor stays gap-free: SQLite has one write lock for the whole database, whichever
 * connection holds it; a push takes its versions and commits them in one transaction, and
 * readers (WAL) see whole commits only. Other writes stay on the server's connection, whose
 * transactions begin IMMEDIATE (see sqliteKysely). Started on the first push, or by warm().
 */
// Not `new URL('./x.ts', import.meta.url)` literally: Vite (tests in a browser-like environment)
// rewrites that pattern into an asset URL served over http.
const HERE = import.meta.url;

type Pending = Map<
  number,
  { resolve: (answer: PushResponse) => void; reject: (error: Error) => void }
>;

export class PushWorkerClient {
  private current: { worker: Worker; ready: Promise<void>; pending: Pending } | undefined;
  private nextId = 1;

  constructor(private readonly file: string) {}

  async run(job: Omit<PushJob, 'id'>): Promise<PushResponse> {
    const { worker, ready, pending } = this.start();
    await ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id } satisfies PushJob);
    });
  }

  /**
   * Starts the worker now, so the first push does not wait for it. A worker that fails to start
   * is not the server's failure: the next push starts one again (and reports that failure).
   */
  async warm(): Promise<void> {
    await this.start().ready.catch(() => {});
  }

  /** Lets the jobs sent finish, then closes the worker's connection. */
  async close(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const { worker } = current;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private start() {
    if (this.current) return this.current;
    const worker = startTsWorker(new URL('./push-worker.ts', HERE), {
      file: this.file,
    });
    const pending: Pending = new Map();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('push worker exited before it was ready')));
    });
    // Handled: `run` awaits it and reports the failure to its caller.
    ready.catch(() => {});
    const current = { worker, ready, pending };
    this.current = current;
    worker.on('message', (reply: PushWorkerReply | { ready: true }) => {
      if (!('id' in reply)) return;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if ('answer' in reply) waiting.resolve(reply.answer);
      else if ('problem' in reply) waiting.reject(revived(reply.problem));
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    });
    // A worker that dies fails its jobs (a push whose answer was lost is sent again by the phone
    // and answered `duplicate` if it had committed); the next push starts a new worker.
    const fail = (error: Error) => {
      if (this.current === current) this.current = undefined;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`push worker exited (${code})`)));
    return current;
  }
}
