import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app-build';
import { CHROMIUM_PATH } from './chromium';
import { E2E_APP_DIR, SERVER_ENTRY } from './repo-paths';

// Runs once before all e2e files: one production build that every scenario serves.
// E2E_SKIP_BUILD=1 reuses the previous e2e build (faster local iteration).
export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (see .ci/run)`);
  }
  if (!existsSync(SERVER_ENTRY)) {
    console.warn(`[e2e] ${SERVER_ENTRY} does not exist yet: scenarios that need the server fail`);
  }
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(E2E_APP_DIR, 'index.html'))) return;
  const started = Date.now();
  await buildApp({ outDir: E2E_APP_DIR });
  console.log(`[e2e] vite build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
