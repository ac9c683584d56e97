import { buildApp } from './app';
import { databaseConfigFromEnv, serverConfigFromEnv } from './config';
import { hasClientBuild } from './http/static-client';

// Entry point: reads the environment, listens, and shuts down gracefully on SIGTERM/SIGINT
// (in-flight requests finish, then the database closes).
const SHUTDOWN_GRACE_MS = 15_000;

function printInitialAdmin(password: string): void {
  // Plain text on stdout, once: the operator must be able to read it among the JSON log lines.
  process.stdout.write(
    [
      '',
      '================================================================',
      ' Tài khoản quản trị đầu tiên đã được tạo (chỉ hiện MỘT lần):',
      ' First admin account created (shown ONCE):',
      '   username: admin',
      `   password: ${password}`,
      ' Đổi mật khẩu / change it: npm run users -- reset-password --username admin --password …',
      '================================================================',
      '',
    ].join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  const app = await buildApp({
    database: databaseConfigFromEnv(),
    logger: { level: config.logLevel },
    clientDir: config.clientDir,
    trustProxy: config.trustProxy,
    onInitialAdminPassword: printInitialAdmin,
  });
  if (!hasClientBuild(config.clientDir)) {
    app.log.warn({ clientDir: config.clientDir }, 'no client build found: serving the API only');
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        app.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
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
