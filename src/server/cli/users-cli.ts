import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  createUserRequestSchema,
  moveUserRequestSchema,
  resetPasswordRequestSchema,
} from '../../shared/auth/account.schema';
import { ROLES } from '../../shared/auth/roles';
import { HttpProblem } from '../http/problem';
import { checkCommand, runCli, UsageError, withMigratedDatabase } from './cli-run';
import { parseWith } from '../http/parse';
import { readPassword } from './read-password';

// `npm run users -- <command>`: manages officer accounts in the database the server uses (the
// same DATA_DIR / DATABASE_URL environment), also while the server runs. Passwords are typed at
// a prompt, or read from stdin with --password-stdin — never given on the command line, where
// `ps` and the shell history would show them.
const USAGE = `Cách dùng / usage: npm run users -- <lệnh> [tùy chọn]
  add --username U --role ${ROLES.join('|')} --unit CODE [--name "Họ và tên"] [--password-stdin] [--geography ID]
  move --username U --unit CODE [--role ROLE] [--geography ID]
  list
  reset-password --username U [--password-stdin]
  revoke-device --username U (--device ID | --all)
(--unit is a unit of the geography in force today unless --geography names another;
 \`npm run geography -- check\` lists the accounts still in a retired unit)
Mật khẩu được hỏi khi chạy; trong script: printf '%s\n' "$MAT_KHAU" | npm run users -- … --password-stdin`;

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      role: { type: 'string' },
      unit: { type: 'string' },
      geography: { type: 'string' },
      name: { type: 'string' },
      device: { type: 'string' },
      all: { type: 'boolean' },
    },
  });
  const command = checkCommand(positionals[0], [
    'add',
    'move',
    'list',
    'reset-password',
    'revoke-device',
  ]);
  if (values.password !== undefined) {
    throw new UsageError(
      '--password không còn được dùng: mật khẩu trên dòng lệnh lộ ra trong `ps` và lịch sử shell. ' +
        'Hãy nhập khi được hỏi, hoặc dùng --password-stdin.',
    );
  }
  const need = (name: 'username' | 'role' | 'unit'): string => {
    const value = values[name];
    if (!value) throw new UsageError(`Thiếu --${name}.`);
    return value;
  };

  // Loaded only once the arguments make sense: the database layer is most of the start-up time.
  const { accountServices } = await import('../services');
  await withMigratedDatabase(async (database) => {
    const { accounts } = accountServices(database, () => new Date());
    // The audit log names who ran the command on the server.
    const actor = { id: null, name: `npm run users (${systemUser()})` };
    switch (command) {
      case 'add': {
        const username = need('username');
        const role = need('role');
        const unitCode = need('unit');
        const request = parseWith(createUserRequestSchema, {
          username,
          password: await readPassword(values['password-stdin'] === true),
          role,
          unitCode,
          ...(values.geography ? { geographyId: values.geography } : {}),
          ...(values.name ? { displayName: values.name } : {}),
        });
        const { user } = await accounts.createUser(request, actor);
        console.log(
          `Đã tạo tài khoản ${user.username} (${user.role}, đơn vị ${user.unitCode} của ${user.geographyId}, id ${user.id}).`,
        );
        break;
      }
      case 'move': {
        const { id } = await accounts.findByUsername(need('username'));
        const request = parseWith(moveUserRequestSchema, {
          unitCode: need('unit'),
          ...(values.role ? { role: values.role } : {}),
          ...(values.geography ? { geographyId: values.geography } : {}),
        });
        const { before, after } = await accounts.moveUser(id, request, actor);
        console.log(
          `Đã chuyển ${after.username}: ${before.role} ${before.unitCode} (${before.geographyId})` +
            ` → ${after.role} ${after.unitCode} (${after.geographyId}). Tài khoản, thiết bị và lịch sử` +
            ' giữ nguyên; điện thoại nhận phạm vi mới ở lần đồng bộ sau.',
        );
        break;
      }
      case 'list': {
        const users = await accounts.listUsers();
        console.log(['username', 'role', 'unit', 'geography', 'devices', 'name', 'id'].join('\t'));
        for (const u of users) {
          console.log(
            [
              u.username,
              u.role,
              u.unitCode,
              u.geographyId,
              u.activeDevices,
              u.displayName,
              u.id,
            ].join('\t'),
          );
        }
        break;
      }
      case 'reset-password': {
        const user = await accounts.findByUsername(need('username'));
        const { password } = parseWith(resetPasswordRequestSchema, {
          password: await readPassword(values['password-stdin'] === true),
        });
        await accounts.resetPassword(user.id, password, actor);
        console.log(
          `Đã đặt lại mật khẩu cho ${user.username}; mọi thiết bị của tài khoản đã bị đăng xuất.`,
        );
        break;
      }
      case 'revoke-device': {
        const user = await accounts.findByUsername(need('username'));
        if (!values.all && !values.device) {
          const devices = await accounts.listDevices(user.id);
          console.log(
            devices.map((d) => `${d.id}\t${d.name}\t${d.lastUsedAt}`).join('\n') ||
              '(không có thiết bị)',
          );
          throw new UsageError('Chỉ rõ --device ID (một thiết bị ở trên) hoặc --all.');
        }
        const revoked = await accounts.revokeDevices(
          user.id,
          values.all ? undefined : values.device,
          actor,
        );
        console.log(`Đã thu hồi ${revoked} thiết bị của ${user.username}.`);
        break;
      }
    }
  });
}

runCli(run, USAGE, (error) => {
  if (error instanceof HttpProblem) {
    console.error(`Lỗi: ${error.message}`);
    for (const e of error.errors ?? []) console.error(`  ${optionOf(e.path)}: ${e.message}`);
    return true;
  }
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${error.message}

${USAGE}`);
    return true;
  }
  return false;
});

function optionOf(path: string): string {
  if (path === 'password') return 'mật khẩu';
  return `--${({ unitCode: 'unit', displayName: 'name', geographyId: 'geography' } as Record<string, string>)[path] ?? path}`;
}

function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry.
    return process.env.USER || String(process.getuid?.() ?? '?');
  }
}
