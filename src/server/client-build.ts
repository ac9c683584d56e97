import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from './config';
import { hasClientBuild } from './http/static-client';

/** Runs `vite build` when `clientDir` has no build, so a fresh clone starts with one command. */
export function ensureClientBuild(clientDir: string): void {
  if (hasClientBuild(clientDir)) return;
  console.log(`No client build in ${clientDir}: running vite build…`);
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', clientDir, '--emptyOutDir'],
    {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0 || !hasClientBuild(clientDir)) {
    throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  }
}
