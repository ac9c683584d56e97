import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseConfig, type DatabaseKind } from '../../src/server/db/database';
import { CompiledQuery, sql } from '../../src/server/db/kysely-runtime';
import { reportColumns } from '../../src/server/modules/reports/report-columns';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { fillActivityTotals } from '../../src/server/db/migrations/0019-activity-totals';
import { row } from './report';

// `npm run bench:reports`' data (report-summary.ts): BENCH_ACTIVITIES activities over three years in
// old Kiên Giang's communes, seeded straight into the tables, and where the database is kept.

export const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
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

export const REUSE = process.env.BENCH_REUSE === '1';
export const REUSE_DIR = process.env.BENCH_REUSE_DIR ?? join(tmpdir(), 'bench-reports-reuse');
const REUSE_SCHEMA = 'bench_reports_reuse';

export interface Scratch {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function scratchDatabase(kind: DatabaseKind): Promise<Scratch> {
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
export const RARE_WORDS = 'xam nhap man';
export const RARE_EVERY = 10_000;
// A hamlet number no template has ("ấp 12"): one record in RARE_SHORT_EVERY (400 of 1,000,000)
// gets it, so a 1–2-character word present in a few hundred records is timed — the short-word
// routes then read and sort those records (the templates' own short words are all common).
export const RARE_SHORT = 'ap 12';
const RARE_SHORT_EVERY = 2_500;
const RARE_SHORT_AT = 7;

export async function markRareRecords(config: DatabaseConfig): Promise<void> {
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

export async function seed(config: DatabaseConfig): Promise<{ seedMs: number; totalsMs: number }> {
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
