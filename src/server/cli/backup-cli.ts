import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyStoredPhotos } from '../backup/photo-files';
import { dumpPostgres } from '../backup/postgres-dump';
import { backupSqlite } from '../backup/sqlite-backup';
import { databaseConfigFromEnv } from '../config';

// `npm run backup [-- --output DIR]`: a consistent copy of the database the server uses (same
// DATA_DIR / DATABASE_URL), taken while the server runs and phones keep syncing, and the photo
// files of DATA_DIR/photos, in one new directory.
const USAGE = `Cách dùng / usage: npm run backup [-- --output DIR]
  Một thư mục mới / a new directory (default DATA_DIR/backups/outreach-log-<time>/) holding:
    outreach-log.sqlite   SQLite (DATA_DIR): online backup as of one instant
    outreach-log.dump     PostgreSQL (DATABASE_URL): pg_dump -Fc
    photos/stored/…       the photo files of DATA_DIR/photos`;

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { output: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = databaseConfigFromEnv();
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const output = resolve(values.output ?? join(dataDir, 'backups', `outreach-log-${time}`));
  if (existsSync(output)) throw new Error(`${output} already exists: choose a new directory`);
  mkdirSync(output, { recursive: true });
  let database: string;
  if (config.kind === 'sqlite') {
    const summary = await backupSqlite(config.file, join(output, 'outreach-log.sqlite'));
    database =
      `${summary.bytes} bytes, ${summary.activities} hoạt động / activities, ` +
      `${summary.users} tài khoản / accounts, migration ${summary.migration}`;
  } else {
    await dumpPostgres(config.connectionString, join(output, 'outreach-log.dump'), config.schema);
    database = 'pg_dump -Fc';
  }
  // After the database: every photo its rows name was stored before the row was written.
  const photos = copyStoredPhotos(join(dataDir, 'photos'), join(output, 'photos'));
  console.log(`Đã sao lưu / backed up: ${output} (${database}; ${photos.copied} ảnh / photos)`);
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `Lỗi / error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    process.exit(1);
  },
);
