import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/server/app';
import { openDatabase, type DatabaseConfig, type DatabaseKind } from '../src/server/db/database';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../src/shared/geography/geography-ids';
import { regularPeriod, type DateRange } from '../src/shared/reports/report-periods';
import type { LoginResponse } from '../src/shared/auth/auth-protocol';
import type { RecordsPage } from '../src/shared/records/records-api';
import { STORED_MEASURES } from '../src/shared/reports/report-measures';
import { loadavg } from 'node:os';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { heading, ms, ratio, row } from './support/report';
import {
  ACTIVITIES,
  markRareRecords,
  RARE_EVERY,
  RARE_SHORT,
  RARE_WORDS,
  REUSE,
  REUSE_DIR,
  scratchDatabase,
  seed,
} from './support/report-seed';

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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
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
