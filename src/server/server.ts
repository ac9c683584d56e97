import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import SonicBoom from 'sonic-boom';
import { buildApp } from './app';
import { databaseConfigFromEnv, serverConfigFromEnv } from './config';
import { hasClientBuild } from './http/static-client';
import { FIRST_ADMIN_PASSWORD_NOTE } from './modules/auth/first-admin-texts';

// Entry point: reads the environment, listens, and shuts down gracefully on SIGTERM/SIGINT
// (in-flight requests finish, then the database closes).
const SHUTDOWN_GRACE_MS = 15_000;
/** After the grace period, the watchdog thread kills the process whatever the main thread does. */
const WATCHDOG_EXTRA_MS = 5_000;
/** Log lines held while stdout's reader is slow; beyond this they are dropped, never waited for. */
const LOG_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * The log goes to stdout asynchronously: a reader that stalls or goes away (a full pipe or
 * socket) must never block a request or the shutdown. Pino's default destination writes
 * synchronously and, on EAGAIN, sleeps in Atomics.wait until the write succeeds — forever if
 * nobody reads. Not through pino.destination(), which would flush synchronously at exit.
 */
const logStream = new SonicBoom({ fd: 1, sync: false, maxLength: LOG_BUFFER_BYTES });
logStream.on('error', () => {
  // A closed stdout (EPIPE) only costs the log lines.
});

/**
 * The first admin's password, written once to a file only the server's user can read: stdout
 * ends up in journald or `docker logs`, where a password has no business.
 */
function saveInitialAdminPassword(password: string): string {
  const dir = resolve(process.env.DATA_DIR || './data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'initial-admin-password.txt');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Kills the process after `ms` from a separate thread: a timer on the main thread cannot fire
 * while that thread is stuck (in a synchronous write, a native call…).
 */
function startWatchdog(ms: number): void {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);`,
    { eval: true, workerData: { pid: process.pid, ms } },
  );
  worker.unref();
}

/** Waits (a bounded time) for the buffered log lines to reach stdout, then closes it. */
function flushLog(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    logStream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      logStream.end();
    } catch {
      resolve();
    }
  });
}

async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  let initialPasswordFile: string | null = null;
  const app = await buildApp({
    database: databaseConfigFromEnv(),
    logger: { level: config.logLevel, stream: logStream },
    clientDir: config.clientDir,
    trustProxy: config.trustProxy,
    onInitialAdminPassword: (password) => {
      initialPasswordFile = saveInitialAdminPassword(password);
    },
    photoDir: config.photoDir,
    startPushWorker: true,
    ...(config.syncWaitBudgetMs === undefined
      ? {}
      : {
          workGate:
            config.syncWaitBudgetMs === Number.POSITIVE_INFINITY
              ? {
                  waitBudgetMs: Infinity,
                  urgentWaitBudgetMs: Infinity,
                  maxSojournMs: Infinity,
                  maxWaiting: 5000,
                }
              : // Pushes and short pulls keep the default's ratio (400 / 600 ms).
                {
                  waitBudgetMs: config.syncWaitBudgetMs,
                  urgentWaitBudgetMs: config.syncWaitBudgetMs * 1.5,
                },
        }),
  });
  for (const warning of config.warnings) app.log.warn(warning);
  if (initialPasswordFile) {
    app.log.warn({ file: initialPasswordFile }, FIRST_ADMIN_PASSWORD_NOTE);
  }
  if (!hasClientBuild(config.clientDir)) {
    app.log.warn({ clientDir: config.clientDir }, 'no client build found: serving the API only');
  }

  let closing = false;
  const exit = (code: number) => {
    void flushLog(2_000).then(() => process.exit(code));
  };
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    startWatchdog(SHUTDOWN_GRACE_MS + WATCHDOG_EXTRA_MS);
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        app.log.info('shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  console.error('Server failed to start:', error);
  process.exit(1);
});
