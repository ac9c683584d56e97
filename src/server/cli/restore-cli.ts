import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restorePostgres } from '../backup/postgres-dump';
import { restoreSqlite } from '../backup/sqlite-backup';
import { databaseConfigFromEnv } from '../config';

// `npm run restore -- --from FILE [--replace]`: puts a backup made by `npm run backup` in place as
// the database of DATA_DIR (or DATABASE_URL). Run it with the server stopped.
const USAGE = `Cách dùng / usage: npm run restore -- --from FILE [--replace]
  SQLite: restores into DATA_DIR/outreach-log.sqlite; an existing database needs --replace
          (it is kept as outreach-log.sqlite.before-restore-<time>). Stop the server first.
  PostgreSQL (DATABASE_URL): pg_restore --clean --single-transaction of a pg_dump -Fc file.`;

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
  if (config.kind === 'postgres') {
    await restorePostgres(config.connectionString, from);
    console.log(`Đã khôi phục / restored ${from} (pg_restore).`);
    return;
  }
  const restored = await restoreSqlite(from, config.file, { replace: values.replace ?? false });
  console.log(
    `Đã khôi phục / restored ${from} → ${restored.file} (${restored.activities} hoạt động / ` +
      `activities, ${restored.users} tài khoản / accounts, migration ${restored.migration}).`,
  );
  if (restored.previous) console.log(`Cơ sở dữ liệu cũ / previous database: ${restored.previous}`);
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Lỗi / error: ${message}\n\n${USAGE}`);
    process.exit(1);
  },
);
