import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { openDatabase, type DatabaseConfig, type DatabaseKind } from '../src/server/db/database';
import { CompiledQuery, sql } from '../src/server/db/kysely-runtime';
import { reportColumns } from '../src/server/modules/reports/report-columns';
import { newActivity } from '../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../src/shared/activity/activity-enums';
import type { Activity } from '../src/shared/activity/activity.schema';
import { defaultGeographies } from '../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../src/shared/geography/geography-catalog';
import { uuidv7 } from '../src/shared/ids/uuidv7';
import { regularPeriod, type DateRange } from '../src/shared/reports/report-periods';
import type { LoginResponse } from '../src/shared/auth/auth-protocol';
import { heading, ms, ratio, row } from './support/report';

// `npm run bench:reports`: BENCH_ACTIVITIES (default 1,000,000) activities over three years
// (01/07/2023–30/06/2026) in old Kiên Giang's communes — 2024 codes before 1 July 2025, the new
// An Giang codes after — written straight into `activities` with the report columns the push
// computes (the same `reportColumns`). Then, over real HTTP: the province six-month report in
// both geographies (target ≤ 1 s), its XLSX export, a district report; against a baseline in the
// same run: a plain COUNT(*) of the same period's rows. SQLite always; PostgreSQL if
// TEST_DATABASE_URL is set.

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FIRST_DAY = Date.parse('2023-07-01T00:00:00Z');
const DAYS = 1096;
const catalog = new GeographyCatalog(defaultGeographies());
const oldCommunes = catalog
  .tree(KIEN_GIANG_2024)
  .leavesUnder()
  .map((u) => u.code);
const newCommunes = [
  ...new Set(oldCommunes.flatMap((c) => catalog.mapCommune(c, KIEN_GIANG_2024, AN_GIANG_2025))),
];

interface Scratch {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function scratchDatabase(kind: DatabaseKind): Promise<Scratch> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
    return {
      config: { kind, file: join(dir, 'outreach-log.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`create schema ${schema}`);
  return {
    config: { kind, connectionString: url, schema },
    drop: () => admin(`drop schema ${schema} cascade`),
  };
}

/** A few activities of every form with different figures: rows are made from these. */
function templates(): Activity[] {
  return ACTIVITY_TYPES.flatMap((type, t) =>
    [0, 1, 2, 3].map((k) => {
      const base = newActivity(type, { communeCode: '30733', authorId: 'a', authorName: 'A' });
      const total = 20 + 7 * k + t;
      return {
        ...base,
        status: k === 3 ? 'draft' : 'complete',
        participants: {
          ...base.participants,
          total,
          female: Math.floor(total / 2),
          khmer: k,
          poor: 3 + k,
          nearPoor: 2,
          officials: 1,
        },
        costVnd: k * 500_000,
        fundingSource: k > 0 ? 'local_budget' : undefined,
        ...(type === 'printed_materials'
          ? {
              quantities: {
                leaflet: { printed: 100 * (k + 1), distributed: 90 * (k + 1) },
                document: { printed: 0, distributed: 0 },
                banner: { printed: k, distributed: k },
                other: { printed: 0, distributed: 0 },
              },
            }
          : {}),
        ...(type === 'mass_media'
          ? { channel: 'radio', itemCount: k + 1, durationMinutes: 15 }
          : {}),
      } as Activity;
    }),
  );
}

const ROWS_PER_INSERT = 400;

async function seed(config: DatabaseConfig): Promise<number> {
  const database = openDatabase(config);
  const shapes = templates().map((a) => reportColumns(a));
  const stamp = new Date().toISOString();
  const insertSql = new Map<number, string>();
  const started = performance.now();
  try {
    let made = 0;
    while (made < ACTIVITIES) {
      const count = Math.min(20_000, ACTIVITIES - made);
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < count; i += ROWS_PER_INSERT) {
          const rows = [];
          for (let j = i; j < Math.min(count, i + ROWS_PER_INSERT); j++) {
            const n = made + j;
            const day = new Date(FIRST_DAY + ((n * 7919) % DAYS) * 86_400_000)
              .toISOString()
              .slice(0, 10);
            const current = day >= '2025-07-01';
            const communes = current ? newCommunes : oldCommunes;
            rows.push({
              ...shapes[n % shapes.length]!,
              id: uuidv7(),
              commune_code: communes[(n * 31) % communes.length]!,
              author_id: `author-${n % 300}`,
              rev: n + 1,
              deleted: 0,
              updated_at: stamp,
              geography_id: current ? AN_GIANG_2025 : KIEN_GIANG_2024,
              activity_date: day,
            });
          }
          // The SQL text is compiled once per row count: compiling 24,000 placeholders costs
          // more than running them.
          const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
          let text = insertSql.get(rows.length);
          if (text === undefined) {
            text = trx.insertInto('activities').values(rows).compile().sql;
            insertSql.set(rows.length, text);
          }
          const parameters = rows.flatMap((r) => columns.map((c) => r[c]));
          await trx.executeQuery(CompiledQuery.raw(text, parameters));
        }
      });
      made += count;
    }
    if (config.kind === 'postgres') await sql`analyze activities`.execute(database.db);
    return performance.now() - started;
  } finally {
    await database.close();
  }
}

async function countBaseline(config: DatabaseConfig, range: DateRange): Promise<number> {
  const database = openDatabase(config);
  try {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await database.db
        .selectFrom('activities')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('activity_date', '>=', range.from)
        .where('activity_date', '<=', range.to)
        .where('deleted', '=', 0)
        .execute();
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await database.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string, token: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}

async function run(kind: DatabaseKind) {
  const scratch = await scratchDatabase(kind);
  let password = '';
  const app = await buildApp({
    database: scratch.config,
    onInitialAdminPassword: (p) => (password = p),
  });
  try {
    const seedMs = await seed(scratch.config);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = (await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password, deviceName: 'bench' }),
      })
    ).json()) as LoginResponse;
    const h1 = regularPeriod('first_half', 2026, 'calendar');
    const h1old = regularPeriod('first_half', 2025, 'calendar');
    const q = (range: DateRange, extra: string) =>
      `${base}/api/reports/summary?from=${range.from}&to=${range.to}${extra}`;

    const baseline = await countBaseline(scratch.config, h1);
    const current = await timed(q(h1, `&geography=${AN_GIANG_2025}&unit=91`), login.token);
    const old = await timed(q(h1old, `&geography=${KIEN_GIANG_2024}&unit=91`), login.token);
    const district = await timed(q(h1old, `&geography=${KIEN_GIANG_2024}&unit=899`), login.token);
    const xlsx = await timed(q(h1, `&geography=${AN_GIANG_2025}&unit=91&format=xlsx`), login.token);
    const year = await timed(
      q(regularPeriod('full_year', 2025, 'calendar'), `&geography=${AN_GIANG_2025}&unit=91`),
      login.token,
    );

    heading(`Reports on ${kind}: ${ACTIVITIES.toLocaleString('en-US')} activities, 3 years`);
    row('seeding (bulk insert with report columns)', `${(seedMs / 1000).toFixed(1)} s`);
    row('baseline: COUNT(*) of the six months’ rows', ms(baseline));
    row(
      'province 6-month report, An Giang 2025 (≤ 1000 ms)',
      `${ms(current.ms)}  (${ratio(current.ms, baseline)} baseline)`,
    );
    row(
      'province 6-month report, Kiên Giang 2024 (≤ 1000 ms)',
      `${ms(old.ms)}  (${ratio(old.ms, baseline)} baseline)`,
    );
    row('province whole-year report 2025, An Giang 2025', ms(year.ms));
    row('district 6-month report (Rạch Giá, 2024)', ms(district.ms));
    row(
      'province 6-month report as XLSX',
      `${ms(xlsx.ms)}  (${(xlsx.bytes / 1000).toFixed(1)} kB)`,
    );
  } finally {
    await app.close();
    await scratch.drop();
  }
}

console.log(
  `\nReport bench — ${new Date().toISOString()} — Node ${process.version}, median of ${ROUNDS} requests`,
);
const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
for (const kind of kinds) await run(kind);
if (!process.env.TEST_DATABASE_URL)
  console.log('  (set TEST_DATABASE_URL to measure PostgreSQL too)');
