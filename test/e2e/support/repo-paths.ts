import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
export const SERVER_ENTRY = join(REPO_ROOT, 'src', 'server', 'server.ts');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
/** Where `npm run test:e2e` builds the app (served through CLIENT_DIR; dist/ is left alone). */
export const E2E_APP_DIR = join(RESULTS_DIR, 'e2e-app');
