import { parseArgs } from 'node:util';
import { PERIOD_BASES, type PeriodBasis } from '../../shared/reports/report-periods';
import {
  provinceSettingsSchema,
  SUBMITTED_PERIODS,
  type ProvinceSettings,
} from '../../shared/reports/province-settings';
import { checkCommand, runCli, UsageError, withMigratedDatabase } from './cli-run';

// `npm run settings -- <command>`: the province's report settings (same DATA_DIR / DATABASE_URL
// as the server, which may keep running; phones get changes by pull).
const USAGE = `Cách dùng / usage: npm run settings -- <lệnh>
  show                                   the settings in force
  set-basis calendar|data_cutoff         the report screens' default period basis
                                         (calendar: 01/01–30/06, 01/01–31/12; data_cutoff:
                                         Decree 09/2019, 15/12 of the year before–14/06, –14/12)
  set-due --period first_half|full_year --level commune|district|province --date dd/MM
                                         a level's due date for a period
  set-plan --year YYYY --reference "Kế hoạch số …/KH-UBND ngày … của UBND tỉnh …"
                                         the year's communication plan, cited by the print
                                         view of that year's reports (--reference "" removes)`;

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      period: { type: 'string' },
      level: { type: 'string' },
      date: { type: 'string' },
      year: { type: 'string' },
      reference: { type: 'string' },
    },
  });
  const command = checkCommand(positionals[0], ['show', 'set-basis', 'set-due', 'set-plan']);
  const argument = positionals[1];
  if (command === 'set-basis' && !(PERIOD_BASES as readonly string[]).includes(argument ?? '')) {
    throw new UsageError(`Cách tính kỳ phải là ${PERIOD_BASES.join(' hoặc ')}.`);
  }
  if (command === 'set-due') {
    if (!(SUBMITTED_PERIODS as readonly string[]).includes(values.period ?? ''))
      throw new UsageError(`--period phải là ${SUBMITTED_PERIODS.join(' hoặc ')}.`);
    if (!values.level) throw new UsageError('Thiếu --level.');
    if (!/^\d{1,2}\/\d{1,2}$/.test(values.date ?? ''))
      throw new UsageError('--date phải là dd/MM.');
  }
  if (command === 'set-plan') {
    if (!/^\d{4}$/.test(values.year ?? '')) throw new UsageError('--year phải là năm, ví dụ 2026.');
    if (values.reference === undefined) throw new UsageError('Thiếu --reference.');
  }

  const { SettingsRepository } = await import('../modules/settings/settings.repository');
  const { SettingsService } = await import('../modules/settings/settings.service');
  await withMigratedDatabase(async (database) => {
    const service = new SettingsService(new SettingsRepository(database.db), () => new Date());
    const current = await service.read();
    let next: ProvinceSettings | undefined;
    if (command === 'set-basis') next = { ...current, defaultPeriodBasis: argument as PeriodBasis };
    if (command === 'set-due') {
      const [day, month] = values.date!.split('/').map(Number);
      const rule = { period: values.period, level: values.level, month, day };
      const others = current.dueDates.filter(
        (d) => !(d.period === values.period && d.level === values.level),
      );
      const parsed = provinceSettingsSchema.safeParse({
        ...current,
        dueDates: [...others, rule],
      });
      if (!parsed.success) throw new UsageError('Ngày không hợp lệ (--date dd/MM).');
      next = parsed.data;
    }
    if (command === 'set-plan') {
      const year = Number(values.year);
      const others = current.plans.filter((p) => p.year !== year);
      const reference = values.reference!.trim();
      const parsed = provinceSettingsSchema.safeParse({
        ...current,
        plans: reference === '' ? others : [...others, { year, reference }],
      });
      if (!parsed.success) throw new UsageError('Năm hoặc tên kế hoạch không hợp lệ.');
      next = { ...parsed.data, plans: [...parsed.data.plans].sort((a, b) => a.year - b.year) };
    }
    if (next) {
      const rev = await service.save(next, 'Quản trị (npm run settings)');
      console.log(`Đã lưu (phiên bản ${rev}); điện thoại nhận ở lần đồng bộ sau.`);
    }
    print(next ?? current);
  });
}

function print(settings: ProvinceSettings) {
  console.log(`Cách tính kỳ mặc định: ${settings.defaultPeriodBasis}`);
  for (const d of settings.dueDates) {
    console.log(
      `${d.period}\t${d.level}\t${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}`,
    );
  }
  console.log('Kế hoạch truyền thông theo năm:');
  for (const p of settings.plans) console.log(`${p.year}\t${p.reference}`);
}

runCli(run, USAGE);
