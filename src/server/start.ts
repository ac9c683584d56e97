import { ensureClientBuild } from './client-build';
import { serverConfigFromEnv } from './config';

// `npm start`: build the PWA once if there is no build yet, then run the server in this process.
ensureClientBuild(serverConfigFromEnv().clientDir);
await import('./server');
