import { cpus, loadavg } from 'node:os';
import type { DatabaseKind } from '../src/server/db/database';
import { defaultGeographies } from '../src/shared/geography/default-geographies';
import { AN_GIANG_2025 } from '../src/shared/geography/geography-ids';
import { uuidv7 } from '../src/shared/ids/uuidv7';
import type { LoginResponse } from '../src/shared/auth/auth-protocol';
import { checkCorrectness, type Phone } from './load/load-correctness';
import { runPhone, seedCommune, type Operation, type PhoneTimings } from './load/load-phone';
import { PhoneHttp, WireCounters } from './support/load-http';
import { heading } from './support/report';
import { createTestDatabase as scratchDatabase } from '../test/server/support/test-database';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { watchHealth } from './support/health-watcher';
import { watchCounterLock } from './support/counter-lock-watcher';

// `npm run bench:load`: a province's phones syncing at the same instant (issue 14). N phones over
// 20 commune accounts, all logged in first; then, together, each does a full pull, five rounds of
// (push 10 new records, pull since its cursor) and one batch of 10 edits of its own records,
// then a last catch-up pull once everyone is done. The server runs as its own process (as in
// production); this process is the load generator, one keep-alive connection per phone over
// the loopback. Prints per-operation latency, the slowest first answer, /api/health during the
// run, bytes on the wire, errors and a correctness check of every acknowledged version.
//
// BENCH_N=50,200,500 (default) · BENCH_DB (or BENCH_DATABASES, as in bench:push)=sqlite,postgres
// (both when TEST_DATABASE_URL is set) · BENCH_SEED=100 records per commune before the run ·
// BENCH_DEADLINE_S=240 per run, after which everything in flight is aborted (errors).

const ACCOUNTS = 20;
const SEED_PER_COMMUNE = Number(process.env.BENCH_SEED ?? 100);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_S ?? 240) * 1000;
const REQUEST_TIMEOUT_MS = 60_000;
const FIRST_ANSWER_TARGET_MS = 5_000;
const sizes = (process.env.BENCH_N ?? '50,200,500').split(',').map(Number);
const chosenKinds = process.env.BENCH_DB ?? process.env.BENCH_DATABASES;
const kinds = (chosenKinds?.split(',') ??
  (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'])) as DatabaseKind[];

// Wards and communes of the geography in force (An Giang, since 1 July 2025).
const communes = defaultGeographies()
  .find((g) => g.id === AN_GIANG_2025)!
  .units.filter((u) => u.level === 'commune')
  .slice(0, ACCOUNTS)
  .map((u) => u.code);

async function login(http: PhoneHttp, username: string, password: string, deviceName: string) {
  const answer = await http.json<LoginResponse>('POST', '/api/auth/login', {
    username,
    password,
    deviceName,
  });
  http.token = answer.token;
  return answer;
}

/** At most `limit` of `tasks` at a time (logins: password hashing is deliberately slow). */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

async function setUp(
  server: ServerProcess,
  n: number,
  counters: WireCounters,
): Promise<{ phones: Phone[]; admin: PhoneHttp }> {
  const admin = new PhoneHttp(server.url, counters, REQUEST_TIMEOUT_MS);
  await login(admin, 'admin', server.adminPassword, 'bench admin');
  const password = 'mat-khau-bench-tai';
  for (const [i, code] of communes.entries()) {
    await admin.json('POST', '/api/admin/users', {
      username: `xa${i}`,
      password,
      role: 'commune',
      unitCode: code,
      geographyId: AN_GIANG_2025,
    });
  }
  admin.close();
  const phones = await pooled(
    Array.from({ length: n }, (_, i) => async (): Promise<Phone> => {
      const account = i % ACCOUNTS;
      const http = new PhoneHttp(server.url, counters, REQUEST_TIMEOUT_MS);
      const { user } = await login(http, `xa${account}`, password, `phone ${i}`);
      return { index: i, http, user, communeCode: communes[account]!, log: newLog() };
    }),
    4,
  );
  // Each commune already has records before the phones arrive.
  for (let account = 0; account < ACCOUNTS; account++) {
    const phone = phones.find((p) => p.index % ACCOUNTS === account);
    if (phone) await seedCommune(phone, SEED_PER_COMMUNE);
  }
  // The admin reads the whole history for the correctness pass, on a connection of its own.
  return { phones, admin: admin.fork() };
}

function newLog(): Phone['log'] {
  return { received: [], acknowledged: [], lastWrite: new Map(), errors: [] };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const ms = (value: number) =>
  Number.isNaN(value) ? '—' : Math.round(value).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function printLatencies(rows: [string, number[]][]): void {
  console.log(
    `  ${'operation'.padEnd(22)}${'count'.padStart(7)}${'p50'.padStart(8)}${'p95'.padStart(8)}` +
      `${'p99'.padStart(8)}${'max'.padStart(8)}  (ms)`,
  );
  for (const [name, values] of rows) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(22)}${String(sorted.length).padStart(7)}` +
        [0.5, 0.95, 0.99].map((p) => ms(percentile(sorted, p)).padStart(8)).join('') +
        ms(sorted.at(-1) ?? NaN).padStart(8),
    );
  }
}

async function runOnce(kind: DatabaseKind, n: number): Promise<boolean> {
  const scratch = await scratchDatabase(kind);
  const server = await startServerProcess(scratch.env);
  const setupCounters = new WireCounters();
  const counters = new WireCounters();
  try {
    const { phones, admin } = await setUp(server, n, setupCounters);
    for (const phone of phones) phone.http.counters = counters;
    const load = loadavg();
    const cpuBefore = server.cpuSeconds();
    const ownCpuBefore = process.cpuUsage();
    const health = watchHealth(server.url);
    const counterLock =
      kind === 'postgres' && scratch.env.DATABASE_SCHEMA
        ? watchCounterLock(scratch.env.DATABASE_URL!, scratch.env.DATABASE_SCHEMA)
        : undefined;
    const timings: PhoneTimings[] = [];
    const started = performance.now();
    const deadline = setTimeout(() => phones.forEach((p) => p.http.close()), DEADLINE_MS);
    // Every phone's first round (full pull, five push+pull rounds, edits); then, once all have
    // pushed everything, the catch-up pull that must bring each one every version.
    const firstRound = phones.map((phone) => runPhone(phone, started));
    timings.push(...(await Promise.all(firstRound)));
    const catchUp = await Promise.all(phones.map((phone) => phone.catchUp!()));
    clearTimeout(deadline);
    const elapsed = performance.now() - started;
    const healthTimes = await health.stop();
    const lock = await counterLock?.stop();
    const serverCpu = server.cpuSeconds() - cpuBefore;
    const ownCpu = process.cpuUsage(ownCpuBefore);

    const all = (key: 'fullPull' | 'push' | 'pull' | 'edit') => timings.flatMap((t) => t[key]);
    const firstAnswers = timings.map((t) => t.firstAnswer).filter((t) => t !== null);
    const slowFirst = firstAnswers.filter((t) => t > FIRST_ANSWER_TARGET_MS).length;
    const errors = phones.flatMap((p) => p.log.errors);
    heading(`${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, N = ${n} phones`);
    console.log(
      `  ${ACCOUNTS} commune accounts, ${SEED_PER_COMMUNE} records each before the run; ` +
        `${counters.requests.toLocaleString('en-US')} requests in ${(elapsed / 1000).toFixed(1)} s; ` +
        `load average before ${load.map((l) => l.toFixed(1)).join(' ')}; CPU: server ` +
        `${serverCpu.toFixed(1)} s, load generator ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s`,
    );
    console.log('  per operation, waits after Retry-After included (what the phone waited):');
    printLatencies([
      ['full pull (first sync)', all('fullPull')],
      ['push 10 new', all('push')],
      ['pull since cursor', all('pull')],
      ['push 10 edits', all('edit')],
      ['catch-up pull', catchUp],
      ['/api/health', healthTimes],
    ]);
    // Each HTTP request on its own: an admitted request's latency, and a refusal's (503).
    const requests = (op: Operation, kind: 'answered' | 'refused') =>
      timings.flatMap((t) => t.requests[op][kind]);
    console.log('  per HTTP request (each attempt; answered, then 503 refusals apart):');
    printLatencies(
      (
        [
          ['full pull page', 'fullPull'],
          ['push 10 new', 'push'],
          ['pull since cursor', 'pull'],
          ['push 10 edits', 'edit'],
          ['catch-up pull page', 'catchUp'],
        ] as const
      ).flatMap(([name, op]): [string, number[]][] => [
        [name, requests(op, 'answered')],
        [`  503 ${op}`, requests(op, 'refused')],
      ]),
    );
    const sortedFirst = [...firstAnswers].sort((a, b) => a - b);
    console.log(
      `  first answer: slowest ${ms(sortedFirst.at(-1) ?? NaN)} ms, p95 ` +
        `${ms(percentile(sortedFirst, 0.95))} ms; phones waiting > 5 s: ${slowFirst}; ` +
        `/api/health max ${ms(Math.max(...healthTimes))} ms`,
    );
    console.log(
      `  wire (bodies): sent ${mb(counters.sentBytes)}, received ${mb(counters.receivedBytes)} ` +
        `(${mb(counters.decodedBytes)} decoded, ${(counters.decodedBytes / Math.max(1, counters.receivedBytes)).toFixed(1)}×); ` +
        `503 + Retry-After answers (each followed by a wait): ${counters.retries}`,
    );
    if (lock) {
      console.log(
        `  version counter (sampled every ~10 ms): held ${(lock.heldShare * 100).toFixed(0)} % of the ` +
          `time, ${(lock.idleInTransactionShare * 100).toFixed(0)} % of that by a push idle in ` +
          `transaction (waiting for the server's Node process); pushes waiting for it: mean ` +
          `${lock.meanWaiters.toFixed(1)}, max ${lock.maxWaiters}; held per push p50 ` +
          `${ms(percentile(lock.spans, 0.5))} ms, p95 ${ms(percentile(lock.spans, 0.95))} ms, max ` +
          `${ms(lock.spans.at(-1) ?? NaN)} ms (${lock.spans.length} holds seen)`,
      );
    } else if (counterLock) {
      console.log('  version counter: not sampled (the sampler failed)');
    }
    console.log(`  errors: ${errors.length}${errors.length ? ` — first: ${errors[0]}` : ''}`);
    const verdict = await checkCorrectness(admin, phones);
    console.log(`  correctness: ${verdict.ok ? 'PASS' : 'FAIL'} — ${verdict.summary}`);
    for (const problem of verdict.problems.slice(0, 5)) console.log(`    ${problem}`);
    for (const phone of verdict.unfinished.slice(0, 3)) console.log(`    unfinished: ${phone}`);
    for (const phone of phones) phone.http.close();
    return verdict.ok && errors.length === 0;
  } finally {
    await server.stop();
    await scratch.drop();
  }
}

console.log(
  `outreach-log load bench — ${new Date().toISOString()} — Node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model.trim()}; run id ${uuidv7().slice(-8)}`,
);
let ok = true;
for (const kind of kinds) {
  for (const n of sizes) {
    try {
      ok = (await runOnce(kind, n)) && ok;
    } catch (error) {
      ok = false;
      console.error(`\n[bench:load] ${kind} N = ${n} failed: ${(error as Error).stack ?? error}`);
    }
  }
}
if (!process.env.TEST_DATABASE_URL && !chosenKinds)
  console.log('\n  (set TEST_DATABASE_URL to measure PostgreSQL too)');
process.exitCode = ok ? 0 : 1;
