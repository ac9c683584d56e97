import { Agent, request } from 'node:http';
import { sql } from 'kysely';
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

// `npm run bench:push`: 10,000 activities pushed through the real protocol over HTTP (batches
// of MAX_PUSH_MUTATIONS, one device) next to a raw bulk insert of the same rows into the same
// kind of database. Target: protocol ≤ 5× slower. SQLite always; PostgreSQL if
// TEST_DATABASE_URL is set. BENCH_RECORDS changes the count.

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
// Phường Rạch Giá in the geography in force since July 2025.
const COMMUNE = '30742';
const GEOGRAPHY = 'an-giang-2025';

function makeActivities(authorId: string): Activity[] {
  const now = Date.now() - 24 * 3600_000;
  return Array.from({ length: RECORDS }, (_, i) =>
    sampleActivity(i, { communeCode: COMMUNE, geographyId: GEOGRAPHY, authorId, now }),
  );
}

// node:http with one kept-alive connection: the cheapest client, so the figure is the server's.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  return postText(url, JSON.stringify(body), token);
}

/** POSTs a body already serialized (a phone's outbox batch: its JSON is made on the phone). */
function postText<T>(url: string, payload: string, token?: string): Promise<T> {
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

/** Records per second through POST /api/sync/push on a fresh database. */
async function protocolRate(kind: DatabaseKind): Promise<number> {
  const scratch = await scratchDatabase(kind);
  let adminPassword = '';
  const app = await buildApp({
    database: scratch.config,
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
    // The request bodies are built before the clock starts: serializing them is the phone's
    // work, not the server's (both run in this one process).
    const bodies: string[] = [];
    for (let i = 0; i < mutations.length; i += MAX_PUSH_MUTATIONS)
      bodies.push(JSON.stringify({ mutations: mutations.slice(i, i + MAX_PUSH_MUTATIONS) }));
    const started = performance.now();
    for (const body of bodies) {
      const { results } = await postText<PushResponse>(`${base}/api/sync/push`, body, lan.token);
      if (results.some((r) => r.status !== 'applied'))
        throw new Error('a mutation was not applied');
    }
    return RECORDS / ((performance.now() - started) / 1000);
  } finally {
    await app.close();
    await scratch.drop();
  }
}

/**
 * Records per second inserting the same rows (indexed columns + the JSON text, what the server
 * keeps per record) in bulk: multi-row INSERTs in one transaction, no validation, no protocol.
 */
async function rawRate(kind: DatabaseKind): Promise<number> {
  const scratch = await scratchDatabase(kind);
  const database = openDatabase(scratch.config);
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
    const started = performance.now();
    await raw.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('bench_raw_activities')
          .values(rows.slice(i, i + 500))
          .execute();
      }
    });
    const rate = RECORDS / ((performance.now() - started) / 1000);
    const count = await sql<{ n: number }>`select count(*) as n from bench_raw_activities`.execute(
      raw,
    );
    if (Number(count.rows[0]?.n) !== RECORDS) throw new Error('raw insert lost rows');
    return rate;
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/**
 * Records per second writing, in bulk and in one transaction, every row the protocol stores per
 * record (history version, current state with its report columns, mutation id): the storage
 * part of the protocol's cost.
 */
async function storageRate(kind: DatabaseKind): Promise<number> {
  const scratch = await scratchDatabase(kind);
  const database = openDatabase(scratch.config);
  try {
    await migrateToLatest(database);
    const stamp = new Date().toISOString();
    const activities = makeActivities(uuidv7());
    const started = performance.now();
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < activities.length; i += 500) {
        const chunk = activities.slice(i, i + 500).map((a, j) => ({ a, rev: 1000 + i + j }));
        await trx
          .insertInto('changes')
          .values(
            chunk.map(({ a, rev }) => ({
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
            })),
          )
          .execute();
        await trx
          .insertInto('activities')
          .values(
            chunk.map(({ a, rev }) => ({
              ...reportColumns(a),
              id: a.id,
              geography_id: a.geographyId,
              commune_code: a.communeCode,
              author_id: a.authorId,
              rev,
              deleted: 0,
              updated_at: stamp,
            })),
          )
          .execute();
        await trx
          .insertInto('mutations')
          .values(
            chunk.map(({ a, rev }) => ({
              mutation_id: uuidv7(),
              record_id: a.id,
              user_id: a.authorId,
              device_id: 'bench',
              rev,
              applied_at: stamp,
            })),
          )
          .execute();
      }
    });
    return RECORDS / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const fmt = (rate: number) =>
  `${Math.round(rate).toLocaleString('en-US').padStart(7)} records/s (${(RECORDS / rate).toFixed(2)} s)`;

console.log(
  `\nPush throughput: ${RECORDS.toLocaleString('en-US')} activities, batches of ${MAX_PUSH_MUTATIONS}, ` +
    `one device, HTTP on loopback (node:http client); best of ${ROUNDS} rounds (Node ${process.version})`,
);
for (const kind of kinds) {
  // Interleaved rounds, best of each: other load on the machine only ever slows a round down.
  let raw = 0;
  let storage = 0;
  let protocol = 0;
  for (let round = 0; round < ROUNDS; round++) {
    raw = Math.max(raw, await rawRate(kind));
    storage = Math.max(storage, await storageRate(kind));
    protocol = Math.max(protocol, await protocolRate(kind));
  }
  console.log(
    `  ${kind.padEnd(9)} protocol ${fmt(protocol)}   raw bulk insert ${fmt(raw)}   ` +
      `ratio ${(raw / protocol).toFixed(2)}× (target ≤ 5)`,
  );
  console.log(
    `  ${''.padEnd(9)} (bulk insert of all rows the protocol keeps per record — history, current ` +
      `state, mutation id: ${fmt(storage)}, ratio ${(storage / protocol).toFixed(2)}×)`,
  );
}
if (!process.env.TEST_DATABASE_URL)
  console.log('  (set TEST_DATABASE_URL to measure PostgreSQL too)');
