import type { Activity } from '../../src/shared/activity/activity.schema';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import type { Mutation, PullResponse, PushResponse } from '../../src/shared/sync/sync-protocol';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { Attempt, PhoneHttp } from '../support/load-http';
import { sampleActivity } from '../support/sample-activity';

export interface PhoneLog {
  /** Every version this phone pulled, in the order received. */
  received: number[];
  /** Versions the server acknowledged to this phone's pushes. */
  acknowledged: number[];
  /** Per record this phone wrote: the rev of its last acknowledged write and a marker in it. */
  lastWrite: Map<string, { rev: number; notes: string }>;
  errors: string[];
}

export interface Phone {
  index: number;
  http: PhoneHttp;
  user: PublicUser;
  communeCode: string;
  log: PhoneLog;
  cursor?: string;
  /** Pull until the server has nothing more (after everyone has pushed); resolves to its ms. */
  catchUp?: () => Promise<number>;
}

export type Operation = 'fullPull' | 'push' | 'pull' | 'edit' | 'catchUp';

export interface PhoneTimings {
  /**
   * From the common start to this phone's first HTTP answer of any kind — a 503 with
   * Retry-After included: the phone is told when to come back instead of timing out.
   */
  firstAnswer: number | null;
  /** Each operation's whole time (ms), waits after Retry-After included. */
  fullPull: number[];
  push: number[];
  pull: number[];
  edit: number[];
  /** Each HTTP request's own latency, by operation: answered (not 503) and refused (503). */
  requests: Record<Operation, { answered: number[]; refused: number[] }>;
}

export function newTimings(): PhoneTimings {
  const requests = {} as PhoneTimings['requests'];
  for (const op of ['fullPull', 'push', 'pull', 'edit', 'catchUp'] as const)
    requests[op] = { answered: [], refused: [] };
  return { firstAnswer: null, fullPull: [], push: [], pull: [], edit: [], requests };
}

/** Files each HTTP attempt of an operation under its latency kind. */
function count(timings: PhoneTimings, op: Operation, attempts: Attempt[], start: number): void {
  for (const a of attempts) {
    (a.status === 503 ? timings.requests[op].refused : timings.requests[op].answered).push(a.ms);
  }
  if (attempts[0]) timings.firstAnswer ??= attempts[0].at - start;
}

const ROUNDS = 5;
const PER_PUSH = 10;

/** Pulls pages from the phone's cursor until `hasMore` is false; each page's time in `times`. */
async function pullAll(
  phone: Phone,
  times: number[],
  onAttempts: (attempts: Attempt[]) => void,
): Promise<void> {
  for (;;) {
    const page = await phone.http.json<PullResponse>(
      'GET',
      `/api/sync/pull?since=${phone.cursor ?? '0'}`,
    );
    onAttempts(page.attempts);
    times.push(page.ms);
    for (const change of page.changes) phone.log.received.push(change.rev);
    phone.cursor = page.cursor;
    if (!page.hasMore) return;
  }
}

function upsert(record: Activity, baseRev: number | null): Mutation {
  return {
    mutationId: uuidv7(),
    recordId: record.id,
    op: 'upsert',
    baseRev,
    data: record,
    clientTime: new Date().toISOString(),
  };
}

/** Pushes one batch; every mutation must come back applied. Returns the acknowledged revs. */
async function push(
  phone: Phone,
  mutations: Mutation[],
  times: number[],
  onAttempts: (attempts: Attempt[]) => void = () => undefined,
): Promise<void> {
  const { results, ms, attempts } = await phone.http.json<PushResponse>('POST', '/api/sync/push', {
    mutations,
  });
  onAttempts(attempts);
  times.push(ms);
  for (const [i, result] of results.entries()) {
    const sent = mutations[i]!;
    if (result.status !== 'applied' || result.recordId !== sent.recordId) {
      phone.log.errors.push(`phone ${phone.index}: push answered ${JSON.stringify(result)}`);
      continue;
    }
    phone.log.acknowledged.push(result.rev);
    phone.log.lastWrite.set(sent.recordId, {
      rev: result.rev,
      notes: (sent.data as Activity).notes,
    });
  }
}

function newRecords(phone: Phone, round: number): Activity[] {
  return Array.from({ length: PER_PUSH }, (_, i) => {
    const record = sampleActivity(round * PER_PUSH + i, {
      communeCode: phone.communeCode,
      geographyId: phone.user.geographyId,
      authorId: phone.user.id,
      authorName: phone.user.displayName,
    });
    return { ...record, notes: `${record.notes} (máy ${phone.index}, lượt ${round})` };
  });
}

/** Records in the commune before the phones arrive, pushed by one of its phones. */
export async function seedCommune(phone: Phone, count: number): Promise<void> {
  const records = Array.from({ length: count }, (_, i) =>
    sampleActivity(i, {
      communeCode: phone.communeCode,
      geographyId: phone.user.geographyId,
      authorId: phone.user.id,
    }),
  );
  for (let i = 0; i < records.length; i += 200) {
    await push(
      phone,
      records.slice(i, i + 200).map((r) => upsert(r, null)),
      [],
    );
  }
}

/** One phone's whole session; errors are logged, and the phone goes on with its next step. */
export async function runPhone(phone: Phone, start: number): Promise<PhoneTimings> {
  const timings = newTimings();
  const on = (op: Operation) => (attempts: Attempt[]) => count(timings, op, attempts, start);
  const step = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      timings.firstAnswer ??= performance.now() - start;
      phone.log.errors.push(`phone ${phone.index}: ${(error as Error).message}`);
    }
  };
  phone.cursor = '0';
  await step(() => pullAll(phone, timings.fullPull, on('fullPull')));
  const mine: Activity[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const records = newRecords(phone, round);
    mine.push(...records);
    await step(() =>
      push(
        phone,
        records.map((r) => upsert(r, null)),
        timings.push,
        on('push'),
      ),
    );
    await step(() => pullAll(phone, timings.pull, on('pull')));
  }
  const edits = mine
    .filter((r) => phone.log.lastWrite.has(r.id))
    .slice(0, PER_PUSH)
    .map((r) =>
      upsert(
        { ...r, notes: `${r.notes} — đã sửa`, updatedAt: new Date().toISOString() },
        phone.log.lastWrite.get(r.id)!.rev,
      ),
    );
  if (edits.length > 0) await step(() => push(phone, edits, timings.edit, on('edit')));
  phone.catchUp = async () => {
    const times: number[] = [];
    await step(() => pullAll(phone, times, on('catchUp')));
    return times.reduce((a, b) => a + b, 0);
  };
  return timings;
}
