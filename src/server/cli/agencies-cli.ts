import { parseArgs } from 'node:util';
import type { Agency } from '../../shared/agencies/agency';
import { agencySchema } from '../../shared/agencies/agency.schema';
import { checkCommand, runCli, UsageError, withMigratedDatabase } from './cli-run';

// `npm run agencies -- <command>`: the organising agencies the activity form suggests (same
// DATA_DIR / DATABASE_URL as the server, which may keep running; phones get changes by pull).
const USAGE = `Cách dùng / usage: npm run agencies -- <lệnh>
  list                                   every agency with its validity
  set --id ID --name "Tên" [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--successor ID]
                                         add or replace one agency ("{commune}" in the name
                                         becomes the activity's commune: "Ủy ban nhân dân {commune}")`;

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
  const command = checkCommand(positionals[0], ['list', 'set']);
  let agency: Agency | undefined;
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

  const { AgencyRepository } = await import('../modules/agencies/agency.repository');
  const { AgencyService } = await import('../modules/agencies/agency.service');
  await withMigratedDatabase(async (database) => {
    const agencies = new AgencyService(new AgencyRepository(database.db), () => new Date());
    if (agency) {
      const rev = await agencies.save(agency, 'Quản trị (npm run agencies)');
      console.log(`Đã lưu ${agency.id} (phiên bản ${rev}); điện thoại nhận ở lần đồng bộ sau.`);
      return;
    }
    for (const a of await agencies.list()) {
      console.log(`${a.id}\t${a.validFrom ?? '…'} → ${a.validTo ?? '…'}\t${a.name}`);
    }
  });
}

const flagOf = (field: string) =>
  ({ validFrom: 'from', validTo: 'to', successorId: 'successor' })[field] ?? field;

runCli(run, USAGE);
