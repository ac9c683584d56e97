import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { E2E_APP_DIR, REPO_ROOT, RESULTS_DIR, SERVER_ENTRY } from './repo-paths';

export interface AppServerOptions {
  port: number;
  dataDir: string;
  /** Name for the log file under test-results/ (one per start). */
  label: string;
  /** The built client to serve (CLIENT_DIR); defaults to the e2e build. */
  clientDir?: string;
  env?: Record<string, string>;
}

type LogListener = (line: string) => void;

/**
 * The real server, started as `npm start` would start it (src/server/server.ts through tsx),
 * but as ONE node process (`node --import tsx`) so that a SIGKILL hits the server itself and
 * not a wrapper that would leave it running.
 */
export class AppServer {
  readonly url: string;
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private tail: string[] = [];
  private listeners = new Set<LogListener>();
  private starts = 0;

  constructor(readonly options: AppServerOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Serve another build from the next start on (a deployment of a new version). */
  setClientDir(clientDir: string): void {
    this.options.clientDir = clientDir;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('server already running');
    this.starts += 1;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const logPath = join(RESULTS_DIR, `server-${this.options.label}-${this.starts}.log`);
    this.log = createWriteStream(logPath);
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.options.dataDir,
        CLIENT_DIR: this.options.clientDir ?? E2E_APP_DIR,
        DATABASE_URL: '',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.log?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.tail.push(line);
        if (this.tail.length > 200) this.tail.shift();
        for (const listener of this.listeners) listener(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const outcome = await Promise.race([
        exited.then((code) => ({ exited: code })),
        this.health().then((ok) => ({ ok })),
      ]);
      if ('exited' in outcome) {
        throw new Error(
          `server exited with code ${outcome.exited} before answering /api/health (see ${logPath}):\n${this.recentLog()}`,
        );
      }
      if (outcome.ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `server did not answer /api/health within 60 s (see ${logPath}):\n${this.recentLog()}`,
    );
  }

  private async health(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    } catch {
      return false;
    }
  }

  recentLog(lines = 40): string {
    return this.tail.slice(-lines).join('\n');
  }

  /** Calls `listener` for each log line until the returned function is called. */
  onLog(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the process. SIGKILL simulates a crash or power cut: nothing gets to clean up. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }

  /** Synchronous SIGKILL, for use from inside a request hook at the exact moment. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }
}
