import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/test-database';

const ROOT = join(import.meta.dirname, '..', '..');

// `npm run settings -- set-plan`: the province names each year's communication plan (plan
// 106/KH-UBND is 2024's; the print view of a year's report cites that year's plan).
describe.each(DATABASE_KINDS)('settings CLI (%s)', { timeout: 90_000 }, (kind) => {
  let database: TestDatabase;

  function run(args: string[]) {
    const env = { ...process.env, ...database.env };
    if (kind === 'sqlite') delete env.DATABASE_URL;
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/server/cli/settings-cli.ts', ...args],
        { cwd: ROOT, env },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('shows 2024’s plan, adds 2026’s, replaces it, removes it, refuses a bad year', async () => {
    const shown = await run(['show']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      '2024\tKế hoạch số 106/KH-UBND ngày 04/4/2024 của UBND tỉnh Kiên Giang',
    );

    const plan = 'Kế hoạch số 15/KH-UBND ngày 20/01/2026 của UBND tỉnh An Giang';
    const added = await run(['set-plan', '--year', '2026', '--reference', plan]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain(`2026\t${plan}`);
    expect(added.stdout).toContain('2024\tKế hoạch số 106/KH-UBND');

    const replaced = await run(['set-plan', '--year', '2026', '--reference', 'Kế hoạch số 16']);
    expect(replaced.stdout).toContain('2026\tKế hoạch số 16');
    expect(replaced.stdout).not.toContain(plan);

    const removed = await run(['set-plan', '--year', '2026', '--reference', '']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).not.toContain('2026\t');

    const bad = await run(['set-plan', '--year', 'năm nay', '--reference', plan]);
    expect(bad.code).not.toBe(0);
    expect((await run(['show'])).stdout).not.toContain('2026\t');
  });
});
