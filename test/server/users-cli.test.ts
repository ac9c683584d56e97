import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { LoginResponse } from '../../src/shared/auth/auth-protocol';
import { UNITS } from './support/fixtures';
import { call } from './support/http-client';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/test-database';

const ROOT = join(import.meta.dirname, '..', '..');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Each run is a cold Node start (about a second); the cases share one database and go in order.
describe.each(DATABASE_KINDS)('users CLI (%s)', { timeout: 60_000 }, (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance | undefined;
  let baseUrl = '';

  /** Runs the CLI as a child process on the test database, as `npm run users --` would. */
  function cli(
    args: string[],
    options: { viaNpm?: boolean; stdin?: string } = {},
  ): Promise<CliRun> {
    const env = { ...process.env, ...database.env };
    if (kind === 'sqlite') delete env.DATABASE_URL;
    const [command, argv] = options.viaNpm
      ? ['npm', ['run', '--silent', 'users', '--', ...args]]
      : [process.execPath, ['--import', 'tsx', 'src/server/cli/users-cli.ts', ...args]];
    return new Promise((resolve) => {
      const child = execFile(command, argv, { cwd: ROOT, env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
      child.stdin!.end(options.stdin ?? '');
    });
  }

  const login = (username: string, password: string) =>
    call<LoginResponse>(baseUrl, 'POST', '/api/auth/login', {
      body: { username, password, deviceName: 'Điện thoại' },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('creates the first officer accounts on a fresh database, which can then log in', async () => {
    const added = await cli(
      [
        'add',
        '--username',
        'lan.vt',
        '--password-stdin',
        '--role',
        'commune',
        '--unit',
        UNITS.vinhThanh,
        '--geography',
        'kien-giang-2024',
        '--name',
        'Nguyễn Thị Lan',
      ],
      { stdin: 'mat-khau-123\n' },
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain(
      'Đã tạo tài khoản lan.vt (commune, đơn vị 30733 của kien-giang-2024',
    );

    let initialAdmin = false;
    app = await buildApp({
      database: database.config,
      onInitialAdminPassword: () => (initialAdmin = true),
    });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    expect(initialAdmin).toBe(false);
    const answer = await login('lan.vt', 'mat-khau-123');
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({
      displayName: 'Nguyễn Thị Lan',
      role: 'commune',
      unitCode: UNITS.vinhThanh,
    });
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    const [unknownUnit, weak, onCommandLine, noTerminal] = await Promise.all([
      cli(
        ['add', '--username', 'binh', '--password-stdin', '--role', 'district', '--unit', '99999'],
        { stdin: 'mat-khau-123\n' },
      ),
      cli(
        [
          'add',
          '--username',
          'binh',
          '--password-stdin',
          '--role',
          'super',
          '--unit',
          UNITS.rachGia,
        ],
        { stdin: 'ngan\n' },
      ),
      cli(['reset-password', '--username', 'lan.vt', '--password', 'mat-khau-lo-ra']),
      cli(['reset-password', '--username', 'lan.vt']),
    ]);
    // A password on the command line is refused (ps and the shell history would show it)…
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toContain('--password không còn được dùng');
    // …and without a terminal to prompt on, --password-stdin is required.
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toContain('--password-stdin');
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr).toContain(
      'Mã đơn vị "99999" không có trong danh mục an-giang-2025.',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('mật khẩu: Mật khẩu phải có ít nhất 8 ký tự.');
    expect(weak.stderr).toContain('--role:');
    const usage = await cli(['remove', '--username', 'binh']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Lệnh không hợp lệ: remove');
    expect(usage.stderr).toContain('npm run users -- <lệnh>');
  });

  it('lists accounts (through npm run users) while the server runs', async () => {
    const listed = await cli(['list'], { viaNpm: true });
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toBe('username\trole\tunit\tgeography\tdevices\tname\tid');
    expect(lines.find((l) => l.startsWith('lan.vt\t'))).toMatch(
      /^lan\.vt\tcommune\t30733\tkien-giang-2024\t1\tNguyễn Thị Lan\t/,
    );
  });

  it('resets a password and ends every session of the account', async () => {
    const before = (await login('lan.vt', 'mat-khau-123')).body;
    const reset = await cli(['reset-password', '--username', 'lan.vt', '--password-stdin'], {
      stdin: 'mat-khau-moi-456\n',
    });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Đã đặt lại mật khẩu cho lan.vt');
    expect((await call(baseUrl, 'GET', '/api/auth/me', { token: before.token })).status).toBe(401);
    expect((await login('lan.vt', 'mat-khau-123')).status).toBe(401);
    expect((await login('lan.vt', 'mat-khau-moi-456')).status).toBe(200);
  });

  it('revokes one device, or all of them', async () => {
    const phone = (await login('lan.vt', 'mat-khau-moi-456')).body;
    const tablet = (await login('lan.vt', 'mat-khau-moi-456')).body;
    const one = await cli(['revoke-device', '--username', 'lan.vt', '--device', phone.device!.id]);
    expect(one).toMatchObject({ code: 0 });
    expect(one.stdout).toContain('Đã thu hồi 1 thiết bị của lan.vt.');
    expect((await call(baseUrl, 'GET', '/api/auth/me', { token: phone.token })).status).toBe(401);
    expect((await call(baseUrl, 'GET', '/api/auth/me', { token: tablet.token })).status).toBe(200);

    expect((await cli(['revoke-device', '--username', 'lan.vt', '--all'])).code).toBe(0);
    expect((await call(baseUrl, 'GET', '/api/auth/me', { token: tablet.token })).status).toBe(401);
  });
});
