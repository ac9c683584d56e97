import { parseArgs } from 'node:util';
import { agencySchema } from '../../shared/agencies/agency.schema';

// `npm run agencies -- <command>`: the organising agencies the activity form suggests (same
// DATA_DIR / DATABASE_URL as the server, which may keep running; phones get changes by pull).
const USAGE = `Cách dùng / usage: npm run agencies -- <lệnh>
  list                                   every agency with its validity
  set --id ID --name "Tên" [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--successor ID]
                                         add or replace one agency ("{commune}" in the name
                                         becomes the activity's commune: "Ủy ban nhân dân {commune}")`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      successor: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (!command || !['list', 'set'].includes(command)) {
    throw new UsageError(command ? `Lệnh không hợp lệ: ${command}` : 'Thiếu lệnh.');
  }
  let agency;
  if (command === 'set') {
    const parsed = agencySchema.safeParse({
      id: values.id,
      name: values.name,
      ...(values.from ? { validFrom: values.from } : {}),
      ...(values.to ? { validTo: values.to } : {}),
      ...(values.successor ? { successorId: values.successor } : {}),
    });
    if (!parsed.success) {
      throw new UsageError(
        parsed.error.issues.map((i) => `--${flagOf(String(i.path[0]))}: ${i.message}`).join('\n'),
      );
    }
    agency = parsed.data;
  }

  const [{ databaseConfigFromEnv }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../config'),
    import('../db/database'),
    import('../db/migrate'),
  ]);
  const { AgencyRepository } = await import('../modules/agencies/agency.repository');
  const { AgencyService } = await import('../modules/agencies/agency.service');
  const database = openDatabase(databaseConfigFromEnv());
  try {
    await migrateToLatest(database);
    const agencies = new AgencyService(new AgencyRepository(database.db), () => new Date());
    if (agency) {
      const rev = await agencies.save(agency, 'Quản trị (npm run agencies)');
      console.log(`Đã lưu ${agency.id} (phiên bản ${rev}); điện thoại nhận ở lần đồng bộ sau.`);
      return;
    }
    for (const a of await agencies.list()) {
      console.log(`${a.id}\t${a.validFrom ?? '…'} → ${a.validTo ?? '…'}\t${a.name}`);
    }
  } finally {
    await database.close();
  }
}

const flagOf = (field: string) =>
  ({ validFrom: 'from', validTo: 'to', successorId: 'successor' })[field] ?? field;

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error('Lỗi:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
