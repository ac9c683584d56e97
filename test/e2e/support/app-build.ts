import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from './repo-paths';

const VITE_BIN = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const MARKER_CONFIG = join(import.meta.dirname, 'vite-marker.config.ts');

export interface BuildOptions {
  outDir?: string;
  /**
   * A marker written into index.html. A different marker changes index.html's precache
   * revision and therefore the service worker's bytes: to the browser, a new version.
   */
  marker?: string;
}

/** `vite build`, as `npm run build` runs it; with a marker, through a config that adds it. */
export async function buildApp(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? DIST_DIR;
  const args = [VITE_BIN, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (options.marker) args.push('--config', MARKER_CONFIG);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, E2E_BUILD_MARKER: options.marker ?? '', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`vite build exited with ${code}:\n${text}`)),
    );
  });
  const missing = ['index.html', 'sw.js', 'manifest.webmanifest'].filter(
    (file) => !existsSync(join(outDir, file)),
  );
  if (missing.includes('index.html')) {
    throw new Error(`vite build produced no index.html in ${outDir}:\n${output}`);
  }
  if (missing.length > 0) {
    // Not fatal here: the scenarios that need them fail with their own clear assertion.
    console.warn(
      `[e2e] build in ${outDir} lacks ${missing.join(', ')} (PWA plugin not configured?)`,
    );
  }
  return outDir;
}
