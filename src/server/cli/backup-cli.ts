import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dumpPostgres } from '../backup/postgres-dump';
import { backupSqlite } from '../backup/sqlite-backup';
import { databaseConfigFromEnv } from '../config';

// `npm run backup [-- --output FILE]`: a consistent copy of the database the server uses (same
// DATA_DIR / DATABASE_URL), taken while the server runs and phones keep syncing.
const USAGE = `Cách dùng / usage: npm run backup [-- --output FILE]
  SQLite (DATA_DIR):      mặc định / default  DATA_DIR/backups/outreach-log-<time>.sqlite
  PostgreSQL (DATABASE_URL): pg_dump -Fc,      DATA_DIR/backups/outreach-log-<time>.dump`;

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
  const backups = join(resolve(process.env.DATA_DIR || './data'), 'backups');
  if (config.kind === 'sqlite') {
    const output = resolve(values.output ?? join(backups, `outreach-log-${time}.sqlite`));
    const summary = await backupSqlite(config.file, output);
    console.log(
      `Đã sao lưu / backed up: ${summary.file} (${summary.bytes} bytes, ` +
        `${summary.activities} hoạt động / activities, ${summary.users} tài khoản / accounts, ` +
        `migration ${summary.migration})`,
    );
    return;
  }
  const output = resolve(values.output ?? join(backups, `outreach-log-${time}.dump`));
  mkdirSync(dirname(output), { recursive: true });
  await dumpPostgres(config.connectionString, output, config.schema);
  console.log(`Đã sao lưu / backed up (pg_dump -Fc): ${output}`);
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
