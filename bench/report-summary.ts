import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import type { RecordsPage } from '../src/shared/records/records-api';
import { STORED_MEASURES } from '../src/shared/reports/report-measures';
import { fillActivityTotals } from '../src/server/db/migrations/0019-activity-totals';
import { loadavg } from 'node:os';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { heading, ms, ratio, row } from './support/report';

// `npm run bench:reports`: BENCH_ACTIVITIES (default 1,000,000) activities over three years
// (01/07/2023–30/06/2026) in old Kiên Giang's communes — 2024 codes before 1 July 2025, the new
// An Giang codes after — written straight into `activities` with the report columns the push
// computes (the same `reportColumns`), each with its version in `changes` (the stored JSON the
// records browser shows); then `activity_totals` is filled as migration 0019 fills it. Over real
// HTTP: the province six-month report in both geographies (target ≤ 1 s), its XLSX export, a
// district report, the records browser's first page with a text filter (target ≤ 300 ms);
// against baselines in the same run: a plain COUNT(*) of the same period's rows, the report's
// GROUP BY straight over `activities` (how reports were summed before 0019), the records
// browser's first page with no filter. SQLite always; PostgreSQL if TEST_DATABASE_URL is set.
//
// Seeding a million rows takes ~20 min on a loaded machine, so BENCH_REUSE=1 keeps the database
// (SQLite file and admin password in BENCH_REUSE_DIR, default <tmpdir>/bench-reports-reuse;
// PostgreSQL schema bench_reports_reuse) and seeds only when it is empty; the server's start
// runs any newer migration over the kept rows (how an upgrade meets a real database).
// BENCH_SEED_ONLY=1 seeds and stops; BENCH_DATABASES=sqlite or =postgres picks one.

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

const REUSE = process.env.BENCH_REUSE === '1';
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const REUSE_DIR = process.env.BENCH_REUSE_DIR ?? join(tmpdir(), 'bench-reports-reuse');
const REUSE_SCHEMA = 'bench_reports_reuse';

interface Scratch {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function scratchDatabase(kind: DatabaseKind): Promise<Scratch> {
  if (REUSE) {
    mkdirSync(REUSE_DIR, { recursive: true });
    if (kind === 'sqlite') {
      return {
        config: { kind, file: join(REUSE_DIR, 'outreach-log.sqlite') },
        drop: async () => {},
      };
    }
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    await client.query(`create schema if not exists ${REUSE_SCHEMA}`).finally(() => client.end());
    return {
      config: { kind, connectionString: process.env.TEST_DATABASE_URL!, schema: REUSE_SCHEMA },
      drop: async () => {},
    };
  }
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

const TITLES: Partial<Record<string, string>> = {
  dialogue: 'Đối thoại chính sách với hộ nghèo về vay vốn',
  community_talk: 'Sinh hoạt chuyên đề về giảm nghèo bền vững',
  training: 'Tập huấn cán bộ làm công tác giảm nghèo',
  printed_materials: 'Phát tờ rơi chính sách giảm nghèo',
  mass_media: 'Phát thanh về Chương trình giảm nghèo',
  emulation: 'Phong trào Vì người nghèo – Không để ai bị bỏ lại phía sau',
};

/** A few activities of every form with different figures: rows are made from these. */
function templates(): Activity[] {
  return ACTIVITY_TYPES.flatMap((type, t) =>
    [0, 1, 2, 3].map((k) => {
      const base = newActivity(type, { communeCode: '30733', authorId: 'a', authorName: 'A' });
      const total = 20 + 7 * k + t;
      // Titles as officers write them, so the records browser's words match what they would:
      // "doi thoai" finds the dialogues (1 record in 8), not every record.
      const title = TITLES[type] ?? 'Hoạt động truyền thông giảm nghèo';
      return {
        ...base,
        ...('topic' in base ? { topic: title } : { title }),
        place: `Nhà văn hóa ấp ${k + 1}`,
        organiser: 'UBND xã',
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

// The templates' words are all common (each in 1 record of 28 or more): one record in
// RARE_EVERY gets RARE_WORDS appended to its search text, for the selective filter officers
// type most ("xâm nhập mặn" in a province of salt intrusion). Only the search column: the
// stored JSON, which the page shows, is the template's.
const RARE_WORDS = 'xam nhap man';
const RARE_EVERY = 10_000;
// A hamlet number no template has ("ấp 12"): one record in RARE_SHORT_EVERY (400 of 1,000,000)
// gets it, so a 1–2-character word present in a few hundred records is timed — the short-word
// routes then read and sort those records (the templates' own short words are all common).
const RARE_SHORT = 'ap 12';
const RARE_SHORT_EVERY = 2_500;
const RARE_SHORT_AT = 7;

async function markRareRecords(config: DatabaseConfig): Promise<void> {
  const database = openDatabase(config);
  try {
    const marked = await database.db
      .selectFrom('activities')
      .select('id')
      .where('search_text', 'like', `%${RARE_WORDS}%`)
      .limit(1)
      .executeTakeFirst();
    if (!marked) {
      await sql`update activities set search_text = search_text || ${` | ${RARE_WORDS}`}
        where rev % ${RARE_EVERY} = 0`.execute(database.db);
    }
    // Added after the kept databases were seeded (session 10): the first such record tells.
    const { rows } = await sql<{ search_text: string }>`select search_text from activities
      where rev % ${RARE_SHORT_EVERY} = ${RARE_SHORT_AT} order by rev limit 1`.execute(database.db);
    const shortMarked = rows[0]?.search_text.endsWith(` | ${RARE_SHORT}`) ?? true;
    if (!shortMarked) {
      await sql`update activities set search_text = search_text || ${` | ${RARE_SHORT}`}
        where rev % ${RARE_SHORT_EVERY} = ${RARE_SHORT_AT}`.execute(database.db);
    }
    if (config.kind === 'postgres' && (!marked || !shortMarked)) {
      await sql`analyze activities`.execute(database.db);
    }
  } finally {
    await database.close();
  }
}

async function seed(config: DatabaseConfig): Promise<{ seedMs: number; totalsMs: number }> {
  const database = openDatabase(config);
  const models = templates();
  const shapes = models.map((a) => reportColumns(a));
  const stamp = new Date().toISOString();
  const insertSql = new Map<number, string>();
  const changeSql = new Map<number, string>();
  const started = performance.now();
  try {
    // Versions after those the server's start wrote (units, geographies, settings).
    const { value: first } = await database.db
      .selectFrom('version_counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const offset = Number(first);
    let made = 0;
    while (made < ACTIVITIES) {
      const count = Math.min(20_000, ACTIVITIES - made);
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < count; i += ROWS_PER_INSERT) {
          const rows = [];
          const changes = [];
          for (let j = i; j < Math.min(count, i + ROWS_PER_INSERT); j++) {
            const n = made + j;
            const day = new Date(FIRST_DAY + ((n * 7919) % DAYS) * 86_400_000)
              .toISOString()
              .slice(0, 10);
            const current = day >= '2025-07-01';
            const communes = current ? newCommunes : oldCommunes;
            const id = uuidv7();
            const communeCode = communes[(n * 31) % communes.length]!;
            const geographyId = current ? AN_GIANG_2025 : KIEN_GIANG_2024;
            rows.push({
              ...shapes[n % shapes.length]!,
              id,
              commune_code: communeCode,
              author_id: `author-${n % 300}`,
              rev: offset + n + 1,
              deleted: 0,
              updated_at: stamp,
              geography_id: geographyId,
              activity_date: day,
            });
            const data = { ...models[n % models.length]!, id, communeCode, geographyId, date: day };
            changes.push({
              version: offset + n + 1,
              collection: 'activities' as const,
              record_id: id,
              op: 'upsert' as const,
              geography_id: geographyId,
              commune_code: communeCode,
              data: JSON.stringify(data),
              user_id: `author-${n % 300}`,
              device_id: 'bench',
              updated_by: 'A',
              updated_at: stamp,
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
          const changeColumns = Object.keys(changes[0]!) as (keyof (typeof changes)[number])[];
          let changeText = changeSql.get(changes.length);
          if (changeText === undefined) {
            changeText = trx.insertInto('changes').values(changes).compile().sql;
            changeSql.set(changes.length, changeText);
          }
          const changeParameters = changes.flatMap((r) => changeColumns.map((c) => r[c]));
          await trx.executeQuery(CompiledQuery.raw(changeText, changeParameters));
        }
      });
      made += count;
    }
    await sql`update version_counter set value = ${offset + ACTIVITIES} where id = 1`.execute(
      database.db,
    );
    const seeded = performance.now();
    await fillActivityTotals(database.db);
    if (config.kind === 'postgres') {
      await sql`analyze activities`.execute(database.db);
      await sql`analyze changes`.execute(database.db);
      await sql`analyze activity_totals`.execute(database.db);
    }
    return { seedMs: seeded - started, totalsMs: performance.now() - seeded };
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

/** The report's sums as they were made before migration 0019: one GROUP BY over the activities. */
async function groupByActivities(config: DatabaseConfig, range: DateRange): Promise<number> {
  const database = openDatabase(config);
  try {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await database.db
        .selectFrom('activities')
        .select(['geography_id', 'commune_code', 'form', 'status'])
        .select((eb) => [
          eb.fn.countAll().as('activities'),
          ...STORED_MEASURES.map((m) => eb.fn.sum(m).as(m)),
        ])
        .where('activity_date', '>=', range.from)
        .where('activity_date', '<=', range.to)
        .where('deleted', '=', 0)
        .groupBy(['geography_id', 'commune_code', 'form', 'status'])
        .execute();
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await database.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const execFileAsync = promisify(execFile);

/**
 * Median time of `rounds` GETs, measured by curl in its own process (total time: connect,
 * server, transfer, decoding br/gzip as a browser does): a fetch in this process shared the
 * event loop with the server answering it and added its own decoding to the figure (a 1 MB
 * report: 400–800 ms that way vs 90–330 ms by curl, load 10–12). Without curl, fetch.
 */
async function timed(
  url: string,
  token: string,
  rounds = ROUNDS,
): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    if (HAS_CURL) {
      const { stdout } = await execFileAsync('curl', [
        '-s',
        '--compressed',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code} %{time_total} %{size_download}',
        '-H',
        `authorization: Bearer ${token}`,
        url,
      ]);
      const [status, seconds, size] = stdout.trim().split(' ');
      if (status !== '200') throw new Error(`${url}: ${status}`);
      times.push(Number(seconds) * 1000);
      bytes = Number(size);
      continue;
    }
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}

async function activityCount(config: DatabaseConfig): Promise<number> {
  const database = openDatabase(config);
  try {
    const { n } = await database.db
      .selectFrom('activities')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  } finally {
    await database.close();
  }
}

async function run(kind: DatabaseKind) {
  const scratch = await scratchDatabase(kind);
  const passwordFile = join(REUSE_DIR, `${kind}-admin-password.txt`);
  let password = REUSE && existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8') : '';
  const migrationsStarted = performance.now();
  const app = await buildApp({
    database: scratch.config,
    onInitialAdminPassword: (p) => {
      password = p;
      if (REUSE) writeFileSync(passwordFile, p);
    },
  });
  const startMs = performance.now() - migrationsStarted;
  try {
    const kept = REUSE ? await activityCount(scratch.config) : 0;
    const { seedMs, totalsMs } =
      kept > 0 ? { seedMs: NaN, totalsMs: NaN } : await seed(scratch.config);
    if (kept > 0) {
      console.log(
        `  ${kind}: reusing ${kept.toLocaleString('en-US')} activities; server start with migrations ${(startMs / 1000).toFixed(1)} s`,
      );
    }
    await markRareRecords(scratch.config);
    if (process.env.BENCH_SEED_ONLY === '1') {
      console.log(`  ${kind}: seeded in ${(seedMs / 1000).toFixed(1)} s`);
      return;
    }
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
    const before = await groupByActivities(scratch.config, h1);
    const cutoff = regularPeriod('first_half', 2026, 'data_cutoff');
    const current = await timed(q(h1, `&geography=${AN_GIANG_2025}&unit=91`), login.token);
    const old = await timed(q(h1old, `&geography=${KIEN_GIANG_2024}&unit=91`), login.token);
    const district = await timed(q(h1old, `&geography=${KIEN_GIANG_2024}&unit=899`), login.token);
    const xlsx = await timed(q(h1, `&geography=${AN_GIANG_2025}&unit=91&format=xlsx`), login.token);
    const cut = await timed(q(cutoff, `&geography=${AN_GIANG_2025}&unit=91`), login.token);
    const records = (extra: string, rounds = ROUNDS) =>
      timed(`${base}/api/records?limit=50${extra}`, login.token, rounds);
    const firstPage = await records('');
    // Each text-filter figure with the load average right after it (the machine is shared).
    const text = async (q: string, extra = '', rounds = ROUNDS) => {
      const t = await records(`&q=${encodeURIComponent(q)}${extra}`, rounds);
      return { ...t, load: loadavg()[0]! };
    };
    const rare = await text(RARE_WORDS);
    const dialogue = await text('doi thoai');
    const nothing = await text('khong co tu nay');
    const districtRare = await text(RARE_WORDS, `&unit=899&geography=${KIEN_GIANG_2024}`);
    const districtText = await text('doi thoai', `&unit=899&geography=${KIEN_GIANG_2024}`);
    const shortCommon = await text('ap 3');
    // A 1–2-letter word no record has: SQLite finds no index term starting with it (migration
    // 0036), PostgreSQL no record through its pg_trgm regexes and partial index (migration 0044);
    // a common one in a district reads the newest rows as before. Three requests each.
    const shortRare = await text('zq', '', 3);
    const letterRare = await text('q', '', 3);
    const districtShortRare = await text('zq', `&unit=899&geography=${KIEN_GIANG_2024}`, 3);
    const districtLetterRare = await text('q', `&unit=899&geography=${KIEN_GIANG_2024}`, 3);
    const districtShortCommon = await text('ap', `&unit=899&geography=${KIEN_GIANG_2024}`, 3);
    // Session 10: a district searched with only common short words (a hamlet, "ấp 3": one record
    // in 4, none of the district's among the newest third of the table), and a short word in a
    // few hundred records, province-wide and in the district. Each with the first page's count.
    const district899 = `&unit=899&geography=${KIEN_GIANG_2024}`;
    const districtHamlet = await text('ap 3', district899, 3);
    const rareShort = await text(RARE_SHORT, '', 3);
    const districtRareShort = await text(RARE_SHORT, district899, 3);
    const totalOf = async (q: string, extra = '') => {
      const response = await fetch(
        `${base}/api/records?limit=50&q=${encodeURIComponent(q)}${extra}`,
        { headers: { authorization: `Bearer ${login.token}` } },
      );
      const { total } = (await response.json()) as RecordsPage;
      return total ? `${total.more ? '> ' : ''}${total.count.toLocaleString('en-US')}` : '?';
    };
    const counted = {
      districtHamlet: await totalOf('ap 3', district899),
      rareShort: await totalOf(RARE_SHORT),
      districtRareShort: await totalOf(RARE_SHORT, district899),
    };
    const communeText = await text('doi thoai', `&unit=30733&geography=${KIEN_GIANG_2024}`);
    const year = await timed(
      q(regularPeriod('full_year', 2025, 'calendar'), `&geography=${AN_GIANG_2025}&unit=91`),
      login.token,
    );

    heading(`Reports on ${kind}: ${ACTIVITIES.toLocaleString('en-US')} activities, 3 years`);
    row('seeding (bulk insert with report columns)', `${(seedMs / 1000).toFixed(1)} s`);
    row('filling activity_totals (migration 0019)', `${(totalsMs / 1000).toFixed(1)} s`);
    row('baseline: COUNT(*) of the six months’ rows', ms(baseline));
    row('baseline: the report’s GROUP BY over activities', ms(before));
    row(
      'province 6-month report, An Giang 2025 (≤ 1000 ms)',
      `${ms(current.ms)}  (${ratio(current.ms, baseline)} baseline)`,
    );
    row(
      'province 6-month report, Kiên Giang 2024 (≤ 1000 ms)',
      `${ms(old.ms)}  (${ratio(old.ms, baseline)} baseline)`,
    );
    row('province 6-month report, Decree 09 cut-off', ms(cut.ms));
    row('province whole-year report 2025, An Giang 2025', ms(year.ms));
    row('district 6-month report (Rạch Giá, 2024)', ms(district.ms));
    row(
      'province 6-month report as XLSX',
      `${ms(xlsx.ms)}  (${(xlsx.bytes / 1000).toFixed(1)} kB)`,
    );
    row('baseline: records browser, first page, no filter', ms(firstPage.ms));
    const textRow = (label: string, t: { ms: number; load: number }) =>
      row(label, `${ms(t.ms)}  (${ratio(t.ms, firstPage.ms)} baseline; load ${t.load.toFixed(1)})`);
    textRow(`records, q="${RARE_WORDS}" (1 in ${RARE_EVERY}) ≤ 300 ms`, rare);
    textRow('records, q="doi thoai" (1 in 7) ≤ 300 ms', dialogue);
    textRow('records, a word no record has ≤ 300 ms', nothing);
    textRow(`records, district 899 + "${RARE_WORDS}"`, districtRare);
    textRow('records, district 899 + "doi thoai"', districtText);
    textRow('records, short words "ap 3" (every record)', shortCommon);
    textRow('records, short word "zq" (none; 3 requests) ≤ 300 ms', shortRare);
    textRow('records, one letter "q" (none; 3 requests)', letterRare);
    textRow('records, district 899 + "zq" (3 requests)', districtShortRare);
    textRow('records, district 899 + "q" (3 requests)', districtLetterRare);
    textRow('records, district 899 + "ap" (common; 3 requests)', districtShortCommon);
    textRow(
      `records, district 899 + "ap 3" (${counted.districtHamlet}; 3 requests) ≤ 300 ms`,
      districtHamlet,
    );
    textRow(`records, "${RARE_SHORT}" (${counted.rareShort}; 3 requests) ≤ 300 ms`, rareShort);
    textRow(
      `records, district 899 + "${RARE_SHORT}" (${counted.districtRareShort}; 3 requests) ≤ 300 ms`,
      districtRareShort,
    );
    textRow('records, commune 30733 + "doi thoai"', communeText);
    row('load average (1 min) after this database', loadavg()[0]!.toFixed(2));
  } finally {
    await app.close();
    await scratch.drop();
  }
}

console.log(
  `\nReport bench — ${new Date().toISOString()} — Node ${process.version}, median of ${ROUNDS} requests (${HAS_CURL ? 'timed by curl --compressed' : 'fetch in-process'}), load average ${loadavg()[0]!.toFixed(2)}`,
);
const kinds: DatabaseKind[] = (
  process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
).filter(
  (k) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.includes(k),
) as DatabaseKind[];
for (const kind of kinds) await run(kind);
if (!process.env.TEST_DATABASE_URL)
  console.log('  (set TEST_DATABASE_URL to measure PostgreSQL too)');
