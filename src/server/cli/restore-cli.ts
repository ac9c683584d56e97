import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyStoredPhotos } from '../backup/photo-files';
import { restorePostgres } from '../backup/postgres-dump';
import { restoreSqlite } from '../backup/sqlite-backup';
import { databaseConfigFromEnv } from '../config';

// `npm run restore -- --from DIR [--replace]`: puts a backup made by `npm run backup` in place as
// the database of DATA_DIR (or DATABASE_URL) and its photos in DATA_DIR/photos. Run it with the
// server stopped.
const USAGE = `Cách dùng / usage: npm run restore -- --from DIR [--replace]
  DIR: a directory made by npm run backup (a bare .sqlite/.dump file of older versions works
       too, without photos). Photos go to DATA_DIR/photos/stored (added; none is deleted).
  SQLite: restores into DATA_DIR/outreach-log.sqlite; an existing database needs --replace
          (it is kept as outreach-log.sqlite.before-restore-<time>). Stop the server first.
  PostgreSQL (DATABASE_URL): pg_restore --clean --single-transaction of the pg_dump -Fc file.`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      replace: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.from) throw new UsageError('Thiếu --from FILE / missing --from FILE.');
  const from = resolve(values.from);
  const config = databaseConfigFromEnv();
  const isDirectory = existsSync(from) && statSync(from).isDirectory();
  const databaseFile = isDirectory
    ? join(from, config.kind === 'sqlite' ? 'outreach-log.sqlite' : 'outreach-log.dump')
    : from;
  if (isDirectory && !existsSync(databaseFile)) {
    throw new Error(
      `${from} holds no ${config.kind === 'sqlite' ? 'outreach-log.sqlite' : 'outreach-log.dump'}: ` +
        `not a backup of this kind of database (${config.kind})`,
    );
  }
  // The database last: a restored database never names a photo that is not there yet.
  const photoDir = join(resolve(process.env.DATA_DIR || './data'), 'photos');
  if (isDirectory && config.kind === 'sqlite') checkSqliteTarget(config.file, values.replace);
  const photos = isDirectory ? copyStoredPhotos(join(from, 'photos'), photoDir) : null;
  if (config.kind === 'postgres') {
    await restorePostgres(config.connectionString, databaseFile);
    console.log(`Đã khôi phục / restored ${databaseFile} (pg_restore).`);
  } else {
    const restored = await restoreSqlite(databaseFile, config.file, {
      replace: values.replace ?? false,
    });
    console.log(
      `Đã khôi phục / restored ${databaseFile} → ${restored.file} (${restored.activities} hoạt ` +
        `động / activities, ${restored.users} tài khoản / accounts, migration ${restored.migration}).`,
    );
    if (restored.previous)
      console.log(`Cơ sở dữ liệu cũ / previous database: ${restored.previous}`);
  }
  console.log(
    photos
      ? `Ảnh / photos → ${photoDir}: ${photos.copied} đã chép / copied, ${photos.present} đã có / already there.`
      : 'Bản sao lưu này không có ảnh / this backup holds no photos (a bare database file).',
  );
}

/** Refused before any photo is copied, so a refused restore changes nothing. */
function checkSqliteTarget(file: string, replace: boolean | undefined): void {
  if (existsSync(file) && !replace) {
    throw new Error(
      `${file} already exists. Restore into a new DATA_DIR, or stop the server and add --replace ` +
        '(the current database is kept beside it).',
    );
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Lỗi / error: ${message}\n\n${USAGE}`);
    process.exit(1);
  },
);
