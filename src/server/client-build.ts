import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { clientSourceStamp, readBuildStamp } from '../../scripts/client-build-stamp';
import { PROJECT_ROOT } from './config';
import { hasClientBuild } from './http/static-client';

export type ClientBuildState = 'fresh' | 'missing' | 'stale';

/** Whether `clientDir` holds a build of the sources checked out in `root`. */
export function clientBuildState(clientDir: string, root = PROJECT_ROOT): ClientBuildState {
  if (!hasClientBuild(clientDir)) return 'missing';
  return readBuildStamp(clientDir) === clientSourceStamp(root) ? 'fresh' : 'stale';
}

/**
 * Before `npm start` serves the PWA: builds it when there is none, and rebuilds it when it was
 * built from other sources (a `git pull` without `npm run build`), so phones never get an old
 * client against a new API. A failed build stops the start with the reason, rather than serving
 * the stale one.
 */
export function ensureClientBuild(clientDir: string, root = PROJECT_ROOT): void {
  const state = clientBuildState(clientDir, root);
  if (state === 'fresh') return;
  console.log(
    state === 'missing'
      ? `No client build in ${clientDir}: running vite build…`
      : `The client build in ${clientDir} was made from other sources than the checked-out code ` +
          '(git pull?): rebuilding it…',
  );
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', clientDir, '--emptyOutDir'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0 || clientBuildState(clientDir, root) !== 'fresh') {
    throw new Error(
      `Refusing to start: the client in ${clientDir} does not match the source code and ` +
        `vite build failed (exit ${result.status ?? result.signal}). ` +
        'Fix the build (npm ci; npm run build) and start again.',
    );
  }
}
