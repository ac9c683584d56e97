import { ensureClientBuild } from './client-build';
import { serverConfigFromEnv } from './config';

// `npm start`: (re)build the PWA when dist/ is missing or was built from other sources, then run
// the server in this process.
try {
  ensureClientBuild(serverConfigFromEnv().clientDir);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await import('./server');
