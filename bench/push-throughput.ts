import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { buildApp } from '../src/server/app';
import { openDatabase, type DatabaseKind } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { reportColumns } from '../src/server/modules/reports/report-columns';
import type { Activity } from '../src/shared/activity/activity.schema';
import { uuidv7 } from '../src/shared/ids/uuidv7';
import { MAX_PUSH_MUTATIONS, type PushResponse } from '../src/shared/sync/sync-protocol';
import { type LoginResponse } from '../src/shared/auth/auth-protocol';
import { sampleActivity } from './support/sample-activity';
import { createTestDatabase as scratchDatabase } from '../test/server/support/test-database';
import { backendCpu, type BackendCpu } from './support/pg-backend-cpu';

// `npm run bench:push`: 10,000 activities pushed through the real protocol over HTTP (batches
// of MAX_PUSH_MUTATIONS, one device) next to a raw insert of the same rows into one table of the
// same kind of database, in the same batches (see rawRate). Target: protocol ≤ 5× slower.
// SQLite always; PostgreSQL if TEST_DATABASE_URL is set. BENCH_RECORDS changes the count.

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
// Phường Rạch Giá in the geography in force since July 2025.
const COMMUNE = '30742';
const GEOGRAPHY = 'an-giang-2025';

// One batch before the clock starts, on both sides: the steady state is measured, not a cold
// start (the push worker's thread and modules load on the first push; JIT; statements).
const WARM_UP = MAX_PUSH_MUTATIONS;

/** The warm-up batch's records, then the RECORDS measured. */
function makeActivities(authorId: string): Activity[] {
  const now = Date.now() - 24 * 3600_000;
  return Array.from({ length: WARM_UP + RECORDS }, (_, i) =>
    sampleActivity(i, { communeCode: COMMUNE, geographyId: GEOGRAPHY, authorId, now }),
  );
}

// node:http with one kept-alive connection: the cheapest client, so the figure is the server's.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  return postText(url, JSON.stringify(body), token);
}

/** POSTs a body already serialized (a phone's outbox batch: its JSON is made on the phone). */
function postText<T>(url: string, payload: string | Buffer, token?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300)
            reject(new Error(`${url}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Records per second through POST /api/sync/push on a fresh database, after one warm-up batch
 * (its time is returned too: on SQLite it includes starting the push worker).
 */
async function protocolRate(kind: DatabaseKind): Promise<{ rate: number; firstPushMs: number }> {
  const scratch = await scratchDatabase(kind);
  const backends = kind === 'postgres' ? backendCpu(scratch.config) : undefined;
  let adminPassword = '';
  const app = await buildApp({
    database: backends?.config ?? scratch.config,
    onInitialAdminPassword: (p) => (adminPassword = p),
  });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await post<LoginResponse>(`${base}/api/auth/login`, {
      username: 'admin',
      password: adminPassword,
      deviceName: 'bench',
    });
    await post(
      `${base}/api/admin/users`,
      {
        username: 'lan',
        password: 'mat-khau-bench',
        role: 'commune',
        unitCode: COMMUNE,
        geographyId: GEOGRAPHY,
      },
      admin.token,
    );
    const lan = await post<LoginResponse>(`${base}/api/auth/login`, {
      username: 'lan',
      password: 'mat-khau-bench',
      deviceName: 'bench',
    });
    const mutations = makeActivities(lan.user.id).map((data) => ({
      mutationId: uuidv7(),
      recordId: data.id,
      op: 'upsert' as const,
      baseRev: null,
      data,
      clientTime: new Date().toISOString(),
    }));
    // The request bodies are built (UTF-8 bytes) before the clock starts: serializing them is
    // the phone's work, not the server's (both run in this one process).
    const [warmUp, ...bodies] = batches(mutations).map((batch) =>
      Buffer.from(JSON.stringify({ mutations: batch })),
    );
    const push = async (body: Buffer) => {
      const { results } = await postText<PushResponse>(`${base}/api/sync/push`, body, lan.token);
      if (results.some((r) => r.status !== 'applied'))
        throw new Error('a mutation was not applied');
    };
    const cold = performance.now();
    await push(warmUp!);
    const firstPushMs = performance.now() - cold;
    await backends?.lap();
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const body of bodies) await push(body);
    noteCpu('protocol', cpu, await backends?.lap());
    return { rate: RECORDS / ((performance.now() - started) / 1000), firstPushMs };
  } finally {
    await app.close();
    await backends?.close();
    await scratch.drop();
  }
}

/**
 * The protocol's batches: MAX_PUSH_MUTATIONS records per transaction, as a phone's push is one
 * transaction on the server. Each batch's SQL is built once per row count and its prepared
 * statement reused (as PushTransaction does with SqlTemplates), so both sides pay the same
 * per-batch costs — BEGIN, COMMIT, one statement's parse — and neither pays Kysely's compile of a
 * thousand-placeholder INSERT per batch.
 */
function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += MAX_PUSH_MUTATIONS)
    out.push(rows.slice(i, i + MAX_PUSH_MUTATIONS));
  return out;
}

/**
 * An INSERT of `toRow(item)` for each item of a batch into `table`, compiled by Kysely once per
 * row count; later batches of that size reuse its SQL text (and so the prepared statement).
 */
function reusedInsert<I, R extends Record<string, unknown>>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  table: string,
  toRow: (item: I) => R,
) {
  const texts = new Map<number, string>();
  return (items: I[]) => {
    const rows = items.map(toRow);
    const parameters: unknown[] = [];
    for (const row of rows) for (const value of Object.values(row)) parameters.push(value);
    let text = texts.get(rows.length);
    if (text === undefined) {
      const compiled = db.insertInto(table).values(rows).compile();
      // Kysely lists the columns in the rows' key order, row by row: the same as `parameters`.
      if (compiled.parameters.some((p, i) => p !== parameters[i]))
        throw new Error(`${table}: parameters not in row-major key order`);
      texts.set(rows.length, (text = compiled.sql));
    }
    return CompiledQuery.raw(text, parameters);
  };
}

/**
 * Records per second inserting the same rows (indexed columns + the JSON text, what the server
 * keeps per record) into one table of a file database opened with the server's settings (WAL,
 * synchronous NORMAL, the same connection kind as the push writer), in the protocol's batches:
 * one multi-row INSERT per transaction of MAX_PUSH_MUTATIONS rows. No validation, no protocol.
 */
async function rawRate(kind: DatabaseKind): Promise<number> {
  const scratch = await scratchDatabase(kind);
  const backends = kind === 'postgres' ? backendCpu(scratch.config) : undefined;
  const database = openDatabase(backends?.config ?? scratch.config);
  try {
    await database.db.schema
      .createTable('bench_raw_activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_code', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const stamp = new Date().toISOString();
    const rows = makeActivities(uuidv7()).map((a, i) => ({
      id: a.id,
      commune_code: a.communeCode,
      author_id: a.authorId,
      rev: i + 1,
      deleted: 0,
      data: JSON.stringify(a),
      updated_at: stamp,
    }));
    const raw = database.db.withTables<{ bench_raw_activities: (typeof rows)[number] }>();
    const insert = reusedInsert(raw, 'bench_raw_activities', (row: (typeof rows)[number]) => row);
    const [warmUp, ...measured] = batches(rows);
    await raw.transaction().execute((trx) => trx.executeQuery(insert(warmUp!)));
    await backends?.lap();
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const batch of measured) {
      await raw.transaction().execute((trx) => trx.executeQuery(insert(batch)));
    }
    noteCpu('raw', cpu, await backends?.lap());
    const rate = RECORDS / ((performance.now() - started) / 1000);
    const count = await sql<{ n: number }>`select count(*) as n from bench_raw_activities`.execute(
      raw,
    );
    if (Number(count.rows[0]?.n) !== WARM_UP + RECORDS) throw new Error('raw insert lost rows');
    return rate;
  } finally {
    await database.close();
    await backends?.close();
    await scratch.drop();
  }
}

/**
 * Records per second writing, in the protocol's batches (one transaction each), every row the
 * protocol stores per record (history version, current state with its report columns, mutation
 * id): the storage part of the protocol's cost, without HTTP, validation, merging or totals.
 */
async function storageRate(kind: DatabaseKind): Promise<number> {
  const scratch = await scratchDatabase(kind);
  const backends = kind === 'postgres' ? backendCpu(scratch.config) : undefined;
  const database = openDatabase(backends?.config ?? scratch.config);
  try {
    await migrateToLatest(database);
    const stamp = new Date().toISOString();
    const activities = makeActivities(uuidv7()).map((a, i) => ({ a, rev: 1000 + i }));
    const db = database.db;
    type Item = (typeof activities)[number];
    const insertChanges = reusedInsert(db, 'changes', ({ a, rev }: Item) => ({
      version: rev,
      collection: 'activities' as const,
      record_id: a.id,
      op: 'upsert' as const,
      geography_id: a.geographyId,
      commune_code: a.communeCode,
      data: JSON.stringify(a),
      user_id: a.authorId,
      device_id: 'bench',
      updated_by: a.authorName,
      updated_at: stamp,
    }));
    const insertActivities = reusedInsert(db, 'activities', ({ a, rev }: Item) => ({
      ...reportColumns(a),
      id: a.id,
      geography_id: a.geographyId,
      commune_code: a.communeCode,
      author_id: a.authorId,
      rev,
      deleted: 0,
      updated_at: stamp,
    }));
    const insertMutations = reusedInsert(db, 'mutations', ({ a, rev }: Item) => ({
      mutation_id: uuidv7(),
      record_id: a.id,
      user_id: a.authorId,
      device_id: 'bench',
      rev,
      applied_at: stamp,
    }));
    const write = (chunk: Item[]) =>
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(insertChanges(chunk));
        await trx.executeQuery(insertActivities(chunk));
        await trx.executeQuery(insertMutations(chunk));
      });
    const [warmUp, ...measured] = batches(activities);
    await write(warmUp!);
    await backends?.lap();
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const chunk of measured) await write(chunk);
    noteCpu('storage', cpu, await backends?.lap());
    return RECORDS / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
    await backends?.close();
    await scratch.drop();
  }
}

/**
 * CPU time (user + system, every thread of this process: client, server, push worker) per
 * measured record, least of the rounds. On SQLite all the work is in this process, so on a
 * shared machine it says what the wall clock cannot: other processes' load stays out of it.
 * PostgreSQL works in its own processes: their CPU (backends of this run's pool, read from
 * /proc when the database is on this machine) is kept apart and added for the total.
 */
const cpuMicros = { raw: Infinity, storage: Infinity, protocol: Infinity };
const dbCpuMicros = { raw: Infinity, storage: Infinity, protocol: Infinity };
const totalCpuMicros = { raw: Infinity, storage: Infinity, protocol: Infinity };
function noteCpu(side: keyof typeof cpuMicros, since: NodeJS.CpuUsage, databaseMs?: number) {
  const { user, system } = process.cpuUsage(since);
  const own = (user + system) / RECORDS;
  cpuMicros[side] = Math.min(cpuMicros[side], own);
  if (databaseMs === undefined) return;
  const database = (databaseMs * 1000) / RECORDS;
  dbCpuMicros[side] = Math.min(dbCpuMicros[side], database);
  totalCpuMicros[side] = Math.min(totalCpuMicros[side], own + database);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_DATABASES=sqlite (or postgres) measures one; BENCH_ONLY=protocol skips the baselines
// (for a profile: `node --cpu-prof --import tsx bench/push-throughput.ts`).
const kinds = (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']).filter(
  (k) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(',').includes(k),
) as DatabaseKind[];
const protocolOnly = process.env.BENCH_ONLY === 'protocol';
const fmt = (rate: number) =>
  `${Math.round(rate).toLocaleString('en-US').padStart(7)} records/s (${(RECORDS / rate).toFixed(2)} s)`;
const load = () => loadavg()[0]!.toFixed(1);

console.log(
  `\nPush throughput: ${RECORDS.toLocaleString('en-US')} activities, batches of ${MAX_PUSH_MUTATIONS} ` +
    `(one transaction each, on both sides), one device, HTTP on loopback (node:http client); ` +
    `best of ${ROUNDS} interleaved rounds (Node ${process.version}, ${availableParallelism()} cores)`,
);
for (const kind of kinds) {
  // Interleaved rounds, best of each: other load on the machine only ever slows a round down.
  let raw = 0;
  let storage = 0;
  let protocol = 0;
  for (const table of [cpuMicros, dbCpuMicros, totalCpuMicros])
    table.raw = table.storage = table.protocol = Infinity;
  const firstPush: string[] = [];
  const loads = [load()];
  for (let round = 0; round < ROUNDS; round++) {
    if (!protocolOnly) raw = Math.max(raw, await rawRate(kind));
    if (!protocolOnly) storage = Math.max(storage, await storageRate(kind));
    const measured = await protocolRate(kind);
    protocol = Math.max(protocol, measured.rate);
    firstPush.push(`${Math.round(measured.firstPushMs)} ms`);
    loads.push(load());
  }
  console.log(
    `  ${kind.padEnd(9)} protocol ${fmt(protocol)}   raw insert ${fmt(raw)}   ` +
      `ratio ${(raw / protocol).toFixed(2)}× (target ≤ 5)   load average (1 min) ${loads.join(' → ')}`,
  );
  console.log(
    `  ${''.padEnd(9)} (the same batches writing every row the protocol keeps per record — history, ` +
      `current state, mutation id: ${fmt(storage)}, ratio ${(storage / protocol).toFixed(2)}×; ` +
      `first push after start, not counted: ${firstPush.join(', ')})`,
  );
  if (kind === 'postgres' && Number.isFinite(totalCpuMicros.protocol)) {
    const { raw: r, storage: st, protocol: p } = totalCpuMicros;
    const [dr, dp] = [dbCpuMicros.raw, dbCpuMicros.protocol];
    console.log(
      `  ${''.padEnd(9)} CPU per record (this process + the database's backends; least of the rounds): ` +
        `protocol ${p.toFixed(1)} µs (database ${dp.toFixed(1)}), raw insert ${r.toFixed(1)} µs ` +
        `(database ${dr.toFixed(1)}) → ${(p / r).toFixed(2)}×; every row the protocol keeps ` +
        `${st.toFixed(1)} µs → ${(st / r).toFixed(2)}×`,
    );
  }
  if (kind === 'sqlite') {
    const { raw: r, storage: st, protocol: p } = cpuMicros;
    console.log(
      `  ${''.padEnd(9)} CPU per record (this process, all threads; least of the rounds): ` +
        `protocol ${p.toFixed(1)} µs, raw insert ${r.toFixed(1)} µs → ${(p / r).toFixed(2)}×; ` +
        `every row the protocol keeps ${st.toFixed(1)} µs → ${(st / r).toFixed(2)}×`,
    );
  }
}
if (!process.env.TEST_DATABASE_URL)
  console.log('  (set TEST_DATABASE_URL to measure PostgreSQL too)');
