import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/e2e/support/free-port';
import { REPO_ROOT, SERVER_ENTRY } from '../../test/e2e/support/repo-paths';

export interface ServerProcess {
  url: string;
  pid: number;
  /** The first admin's password, printed once by the server on a fresh database. */
  adminPassword: string;
  logFile: string;
  /** CPU seconds (user + system) the server process has used so far (Linux /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * The real server as production runs it (`node --import tsx src/server/server.ts`, its own
 * process, info-level JSON logs to a file), API only, on a free loopback port.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const logDir = mkdtempSync(join(tmpdir(), 'bench-server-log-'));
  const logFile = join(logDir, 'server.log');
  const log = createWriteStream(logFile);
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server only (e.g. `--cpu-prof --cpu-prof-dir=DIR`).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIENT_DIR: join(logDir, 'no-client'),
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info',
      DATABASE_URL: '',
      DATA_DIR: logDir, // a fresh one: the first admin (and its password file) is this run's
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 100_000) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server exited: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 60 s: ${output}`);
    }
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Since issue 8 the server writes the first admin's password to DATA_DIR, not to its log.
  const dataDir = resolve(REPO_ROOT, env.DATA_DIR || logDir);
  const passwordFile = join(dataDir, 'initial-admin-password.txt');
  const adminPassword = existsSync(passwordFile)
    ? readFileSync(passwordFile, 'utf8').trim()
    : (/password: (\S+)/.exec(output)?.[1] ?? '');
  const pid = child.pid!;
  return {
    url,
    pid,
    adminPassword,
    logFile,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime: fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          log.end();
          resolve();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      }),
  };
}
