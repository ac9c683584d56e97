import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import packageJson from '../../package.json';
import { openDatabase, type DatabaseConfig } from './db/database';
import { migrateToLatest } from './db/migrate';
import { registerApiCompression } from './http/compression';
import { registerRequestLog } from './http/request-log';
import { badRequest, registerProblemHandlers, sendProblem } from './http/problem';
import { answerClientError } from './http/client-error';
import { registerJsonBodyParser } from './http/json-body';
import { registerNulGuard } from './http/request-guards';
import { registerSecurityHeaders } from './http/security-headers';
import { DEFAULT_GATE_LIMITS, WorkGate, type WorkGateOptions } from './http/work-gate';
import { HealthRepository } from './modules/health/health.repository';
import { hasClientBuild, registerStaticClient } from './http/static-client';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { AuthService } from './modules/auth/auth.service';
import { registerAuthentication } from './modules/auth/authenticate';
import { LoginAttemptRepository } from './modules/auth/login-attempt.repository';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginLimiter,
  type LoginLimitRules,
} from './modules/auth/login-limits';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerOpenApiRoutes } from './modules/openapi/openapi.routes';
import { FsPhotoStorage } from './modules/photos/fs-photo-storage';
import { PhotoRepository } from './modules/photos/photo.repository';
import { PhotoService } from './modules/photos/photo.service';
import { registerPhotoRoutes } from './modules/photos/photos.routes';
import { RecordsRepository } from './modules/records/records.repository';
import { registerRecordsRoutes } from './modules/records/records.routes';
import { RecordsService } from './modules/records/records.service';
import { ReportRepository } from './modules/reports/report.repository';
import { registerReportRoutes } from './modules/reports/report.routes';
import { ReportService } from './modules/reports/report.service';
import { SettingsRepository } from './modules/settings/settings.repository';
import { registerSettingsRoutes } from './modules/settings/settings.routes';
import { SettingsService } from './modules/settings/settings.service';
import { SubmissionRepository } from './modules/submissions/submission.repository';
import { registerSubmissionRoutes } from './modules/submissions/submissions.routes';
import { SubmissionService } from './modules/submissions/submission.service';
import { TargetRepository } from './modules/targets/target.repository';
import { TargetService } from './modules/targets/target.service';
import { registerTargetRoutes } from './modules/targets/targets.routes';
import { registerSyncRoutes } from './modules/sync/sync.routes';
import { registerUserRoutes } from './modules/users/users.routes';
import { registerAgencyRoutes } from './modules/agencies/agencies.routes';
import { AgencyRepository } from './modules/agencies/agency.repository';
import { AgencyService } from './modules/agencies/agency.service';
import { SyncRepository } from './modules/sync/sync.repository';
import { SyncService } from './modules/sync/sync.service';
import { PushWorkerClient } from './modules/sync/push-worker-client';
import { accountServices } from './services';

export interface AppOptions {
  database: DatabaseConfig;
  /** Fastify's pino options (true: info level to stdout); off by default for tests. */
  logger?: FastifyServerOptions['logger'];
  clock?: () => Date;
  /** Directory of the built PWA (with index.html); nothing is served when absent. */
  clientDir?: string | null;
  /** Failed-login limits (defaults: DEFAULT_LOGIN_LIMITS); tests use small ones. */
  loginLimits?: Partial<LoginLimitRules>;
  /**
   * Behind a reverse proxy: its addresses/CIDRs (see parseTrustProxy), whose X-Forwarded-For
   * gives the client address the logs and login limits use. Never `true`.
   */
  trustProxy?: string[] | false;
  /** Called once, on a database without accounts, with the new `admin` password. */
  onInitialAdminPassword?: (password: string) => void;
  /**
   * Directory of the photo files (`${DATA_DIR}/photos` when started from the environment).
   * Default: `photos/` beside the SQLite file, else a fresh temporary directory (tests only).
   */
  photoDir?: string;
  /**
   * SQLite: start the push worker when the server is ready instead of on the first push, which
   * would otherwise wait for the thread and its modules (1–5 s on a loaded machine). The entry
   * point (server.ts) sets it; tests leave it off so an app that never pushes starts no thread.
   */
  startPushWorker?: boolean;
  /** The sync requests' admission limits (defaults: DEFAULT_GATE_LIMITS); tests use small ones. */
  workGate?: Partial<WorkGateOptions>;
}

function defaultPhotoDir(database: DatabaseConfig): string {
  if (database.kind === 'sqlite' && database.file !== ':memory:') {
    return join(dirname(database.file), 'photos');
  }
  return mkdtempSync(join(tmpdir(), 'outreach-photos-'));
}

/** Builds the whole server — database migrated, routes registered — ready to listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? (() => new Date());
  const database = openDatabase(options.database);
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database);
    const { geographies, users, devices, knownDevices, accounts } = accountServices(
      database,
      clock,
    );
    const initialPassword = await accounts.ensureInitialAdmin();
    if (initialPassword !== null) options.onInitialAdminPassword?.(initialPassword);

    app = Fastify({
      logger: options.logger ?? false,
      // One line per request instead of two (http/request-log.ts).
      logController: new LogController({ disableRequestLogging: true }),
      trustProxy: options.trustProxy ?? false,
      // Only pushes are big (their own limit); everything else is a small form.
      bodyLimit: 64 * 1024,
      // A malformed URL (`/api/%zz`) is a problem+json 400 like any other bad request.
      frameworkErrors: (_error, request, reply) =>
        sendProblem(request, reply, badRequest('invalidAddress')),
      // …and so is a request Node refuses before routing (headers over 16 kB, a broken line).
      clientErrorHandler: answerClientError,
    });
    if (options.logger) registerRequestLog(app);
    registerSecurityHeaders(app, hasClientBuild(options.clientDir) ? options.clientDir : null);
    app.addHook('onClose', () => database.close());
    // Requests still in flight when shutdown begins get their answer with `Connection: close`;
    // a kept-alive socket would otherwise hold the shutdown open until its keep-alive timeout.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
    // An answer whose headers left before shutdown began (a photo still streaming) promised
    // keep-alive: once it is sent its connection is idle, and only closing it now ends the
    // shutdown (else it waits out the 72 s keep-alive timeout, past server.ts's grace).
    app.addHook('onResponse', async (request) => {
      if (closing) setImmediate(() => request.server.server.closeIdleConnections());
    });
    // The API speaks JSON only: any other body type is a 415 rather than a string to misparse.
    app.removeContentTypeParser('text/plain');
    registerJsonBodyParser(app);

    const limiter = new LoginLimiter(
      new LoginAttemptRepository(database.db),
      () => clock().getTime(),
      {
        ...DEFAULT_LOGIN_LIMITS,
        ...options.loginLimits,
      },
    );
    const auth = new AuthService(users, devices, knownDevices, limiter, clock);
    const settings = new SettingsService(new SettingsRepository(database.db), clock);
    const targetRepository = new TargetRepository(database.db);
    const reports = new ReportService(
      new ReportRepository(database.reader),
      geographies,
      targetRepository,
    );
    const submissions = new SubmissionService(
      new SubmissionRepository(database.db),
      geographies,
      settings,
      reports,
      clock,
    );
    // SQLite: push transactions on a worker thread, off the event loop (push-worker-client.ts).
    const pushWorker = database.sqliteFile ? new PushWorkerClient(database.sqliteFile) : undefined;
    if (pushWorker) app.addHook('onClose', () => pushWorker.close());
    // Not awaited: listening does not wait for the thread; a push arriving first waits for it.
    if (pushWorker && options.startPushWorker)
      app.addHook('onReady', async () => void pushWorker.warm());
    const syncRepository = new SyncRepository(database.db, database.kind, database.reader);
    // How many PostgreSQL pushes were written together (pg-group-commit.repository.ts).
    if (database.kind === 'postgres') {
      app.addHook('onClose', async (server) => {
        server.log.info({ groupCommit: syncRepository.groupCommitStats }, 'push group commit');
      });
    }
    const sync = new SyncService(
      syncRepository,
      geographies,
      clock,
      () => submissions.locksInForce(),
      pushWorker,
    );
    const authenticate = registerAuthentication(app, auth);

    const spaFallback = hasClientBuild(options.clientDir)
      ? await registerStaticClient(app, options.clientDir)
      : undefined;
    registerProblemHandlers(app, spaFallback);
    registerNulGuard(app);
    await registerApiCompression(app);
    registerHealthRoutes(app, database.kind, new HealthRepository(database.probe));
    registerOpenApiRoutes(app, packageJson.version);
    registerAuthRoutes(app, auth, authenticate);
    registerUserRoutes(app, accounts, authenticate);
    registerAgencyRoutes(
      app,
      new AgencyService(new AgencyRepository(database.db), clock),
      authenticate,
    );
    // SQLite works synchronously on this thread: a few requests at a time keep turns short.
    // PostgreSQL: as many as the pool has connections. First-sync pages never hold them all:
    // pushes and short pulls keep a share. Beyond a short predicted wait, 503 + Retry-After
    // (docs/server.md, "Back-pressure").
    const gate = new WorkGate({
      ...(database.kind === 'sqlite'
        ? {
            maxActive: 4,
            maxBulkActive: 2,
            minBulkActive: 1,
            owedAdmitted: true,
            bookPullsAtRealCost: true,
          }
        : {
            maxActive: 10,
            maxBulkActive: 6,
            minBulkActive: 3,
            owedAdmitted: true,
            bookPullsAtRealCost: true,
          }),
      ...DEFAULT_GATE_LIMITS,
      // PostgreSQL: pushes and pulls since a cursor may queue 800 ms (not 600) before a 503. A
      // refused one costs the phone a second or more and its retry costs the server another
      // token check and answer; at N = 500 (docs/performance.md, session 10) 800 ms cut push
      // refusals from 135–320 to 3–23 and pull refusals with them, and every wait got shorter.
      ...(database.kind === 'postgres' ? { urgentWaitBudgetMs: 800 } : {}),
      // Both: a begun catch-up's next page is queued, not refused (catch-up-chains.ts), and a
      // refused pull is booked at what pulls really cost — on PostgreSQL at N = 500, pairs on a
      // loaded machine: catch-up per operation p95 9.2 / 16.5 s against 13.5 / 18.0 s without
      // the first; 6.7 / 6.7 / 5.7 s against 18.0 / 7.7 / 10.9 s without the second
      // (docs/performance.md, session 11).
      ...options.workGate,
    });
    registerSyncRoutes(app, sync, authenticate, gate);
    const photos = new PhotoService(
      new PhotoRepository(database.db),
      new FsPhotoStorage(options.photoDir ?? defaultPhotoDir(options.database)),
      geographies,
      clock,
    );
    registerPhotoRoutes(app, photos, authenticate);
    registerReportRoutes(app, reports, authenticate);
    registerSettingsRoutes(app, settings, authenticate);
    registerSubmissionRoutes(app, submissions, authenticate);
    registerTargetRoutes(
      app,
      new TargetService(targetRepository, geographies, clock),
      authenticate,
    );
    registerRecordsRoutes(
      app,
      new RecordsService(new RecordsRepository(database.reader, database.kind), geographies),
      authenticate,
    );

    await app.ready();
    return app;
  } catch (error) {
    if (app) await app.close();
    else await database.close();
    throw error;
  }
}
