import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// A client build records which sources it was built from, so `npm start` after `git pull` can
// tell that dist/ is stale instead of serving yesterday's app against today's API.

/** Written into the build's output directory by vite.config.ts. */
export const BUILD_STAMP_FILE = 'build-stamp.json';

/** Everything a client build depends on, relative to the repository root. */
export const CLIENT_BUILD_INPUTS = [
  'package-lock.json',
  'index.html',
  'vite.config.ts',
  'public',
  'src/client',
  'src/shared',
];

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, relative(root, join(full, name))));
}

/** SHA-256 over the build inputs' paths and bytes (same on every OS: paths use '/'). */
export function clientSourceStamp(root: string): string {
  const hash = createHash('sha256');
  for (const input of CLIENT_BUILD_INPUTS) {
    for (const file of filesUnder(root, input)) {
      hash.update(file.split(sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(join(root, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** The stamp a build in `dir` was made with, or null (no build, or built before stamps). */
export function readBuildStamp(dir: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, BUILD_STAMP_FILE), 'utf8')) as unknown;
    const stamp = (parsed as { stamp?: unknown } | null)?.stamp;
    return typeof stamp === 'string' ? stamp : null;
  } catch {
    return null;
  }
}
