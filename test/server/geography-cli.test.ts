import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/test-database';

const ROOT = join(import.meta.dirname, '..', '..');

// `npm run geography` and `npm run users -- move`, as an administrator runs them on the server.
describe.each(DATABASE_KINDS)('geography CLI (%s)', { timeout: 90_000 }, (kind) => {
  let database: TestDatabase;

  function run(script: 'users' | 'geography', args: string[], stdin = '') {
    const env = { ...process.env, ...database.env };
    if (kind === 'sqlite') delete env.DATABASE_URL;
    const file = join('src/server/cli', `${script}-cli.ts`);
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', file, ...args],
        { cwd: ROOT, env },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(stdin);
    });
  }
  const add = (username: string, role: string, unit: string) =>
    run(
      'users',
      [
        ...['add', '--username', username, '--password-stdin', '--role', role],
        ...['--unit', unit, '--geography', 'kien-giang-2024'],
      ],
      'mat-khau-123\n',
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('lists the geographies, proposes moves for retired units, and moves an account', async () => {
    const listed = await run('geography', ['list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(/kien-giang-2024\ttừ 2024-01-01\t144 xã\/phường/);
    expect(listed.stdout).toMatch(/an-giang-2025\ttừ 2025-07-01\t102 xã\/phường.*đang áp dụng/);

    expect((await add('lan.vinhthanh', 'commune', '30733')).code).toBe(0);
    expect((await add('binh.rachgia', 'district', '899')).code).toBe(0);
    const check = await run('geography', ['check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('2 tài khoản còn thuộc đơn vị đã giải thể');
    expect(check.stdout).toContain('npm run users -- move --username lan.vinhthanh --unit 30742');
    expect(check.stdout).toContain('30742 Phường Rạch Giá');
    expect(check.stdout).toMatch(/binh\.rachgia[^\n]*\n[^\n]*không có đơn vị tương ứng/);

    const moved = await run('users', ['move', '--username', 'lan.vinhthanh', '--unit', '30742']);
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(moved.stdout).toContain(
      'commune 30733 (kien-giang-2024) → commune 30742 (an-giang-2025)',
    );
    const wrong = await run('users', ['move', '--username', 'binh.rachgia', '--unit', '899']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('không có trong danh mục an-giang-2025');
    const promoted = await run('users', [
      ...['move', '--username', 'binh.rachgia', '--unit', '91', '--role', 'province'],
    ]);
    expect(promoted.code).toBe(0);
    expect((await run('geography', ['check'])).stdout).toContain(
      'Mọi tài khoản đã thuộc địa giới đang áp dụng (an-giang-2025).',
    );
  });

  it('refuses to import a geography whose mapping misses communes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'geography-')), 'broken.geography.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'an-giang-2030',
        name: 'Thử',
        validFrom: '2030-01-01',
        units: [
          { code: '91', name: 'Tỉnh An Giang', type: 'Tỉnh', level: 'province', parentCode: null },
        ],
        predecessor: {
          geographyId: 'an-giang-2025',
          communes: [{ fromCode: '30742', toCode: '91' }],
        },
      }),
    );
    const refused = await run('geography', ['import', '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a commune|no mapping/);
    expect((await run('geography', ['list'])).stdout).not.toContain('an-giang-2030');
  });
});
