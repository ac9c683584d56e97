import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { geographySchema } from '../../shared/geography/geography.schema';
import { HttpProblem } from '../http/problem';
import { checkCommand, runCli, UsageError, withMigratedDatabase } from './cli-run';

// `npm run geography -- <command>`: the administrative geographies in the server's database
// (same DATA_DIR / DATABASE_URL as the server, which may keep running).
const USAGE = `Cách dùng / usage: npm run geography -- <lệnh>
  list                 the geographies, oldest first, with their validity
  check                dry run of the switch: accounts whose unit is retired, with a proposal
  import --file F.json add (or replace) a geography: id, name, validFrom, units, and the mapping
                       of every commune of the geography before it (docs/geography.md)`;

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { file: { type: 'string' } },
  });
  const command = checkCommand(positionals[0], ['list', 'check', 'import']);
  if (command === 'import' && !values.file) throw new UsageError('Thiếu --file.');

  const { accountServices } = await import('../services');
  const { proposeMoves } = await import('../modules/geography/account-moves');
  await withMigratedDatabase(async (database) => {
    const { accounts, geographies } = accountServices(database, () => new Date());
    const catalog = await geographies.catalog();
    const today = geographies.today();
    switch (command) {
      case 'list': {
        const current = catalog.inForceOn(today).id;
        for (const g of catalog.list()) {
          const tree = catalog.tree(g.id);
          const mark = g.id === current ? '  ← đang áp dụng / in force' : '';
          console.log(
            `${g.id}\ttừ ${g.validFrom}\t${tree.leavesUnder().length} xã/phường\t${g.name}${mark}`,
          );
        }
        break;
      }
      case 'check': {
        const moves = proposeMoves(catalog, await accounts.listUsers(), today);
        const current = catalog.inForceOn(today);
        if (moves.length === 0) {
          console.log(`Mọi tài khoản đã thuộc địa giới đang áp dụng (${current.id}).`);
          break;
        }
        console.log(
          `${moves.length} tài khoản còn thuộc đơn vị đã giải thể (địa giới đang áp dụng: ${current.id}). ` +
            'Chưa thay đổi gì — chạy các lệnh đề xuất để chuyển:',
        );
        for (const m of moves) {
          const u = m.user;
          console.log(
            `\n${u.username} (${u.displayName}) — ${u.role} ${u.unitCode} ${m.unitName} [${u.geographyId}]`,
          );
          if (m.proposal) {
            console.log(
              `  → ${m.proposal.unitCode} ${m.proposal.unitName}\n` +
                `    npm run users -- move --username ${u.username} --unit ${m.proposal.unitCode}`,
            );
          } else if (u.role === 'district') {
            console.log(
              '  → không có đơn vị tương ứng (cấp huyện đã bỏ). Cần quyết định: cấp tỉnh' +
                ` (--role province --unit ${catalog.tree(current.id).roots()[0]?.code ?? ''}) hoặc một xã/phường:` +
                `\n    ${m.candidates.map((c) => `${c.code} ${c.name}`).join('; ')}` +
                '\n  Chưa chuyển: tài khoản vẫn xem được dữ liệu các xã cũ, không tạo được gì mới.',
            );
          } else {
            console.log(
              '  → không tìm thấy đơn vị tương ứng; chọn đơn vị bằng npm run users -- move.',
            );
          }
        }
        break;
      }
      case 'import': {
        const raw: unknown = JSON.parse(readFileSync(values.file!, 'utf8'));
        const parsed = geographySchema.safeParse(raw);
        if (!parsed.success) {
          throw new UsageError(
            `Tệp không đúng định dạng địa giới:\n${parsed.error.issues
              .slice(0, 20)
              .map((i) => `  ${i.path.join('.')}: ${i.message}`)
              .join('\n')}`,
          );
        }
        const rev = await geographies.save(parsed.data, 'Quản trị (npm run geography)');
        console.log(
          `Đã lưu địa giới ${parsed.data.id} (từ ${parsed.data.validFrom}, phiên bản ${rev}); ` +
            'điện thoại nhận ở lần đồng bộ sau.',
        );
        break;
      }
    }
  });
}

runCli(run, USAGE, (error) => {
  if (!(error instanceof HttpProblem)) return false;
  console.error(`Lỗi: ${error.message}`);
  return true;
});
