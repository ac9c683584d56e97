import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

export const CADDY_PATH = process.env.CADDY_PATH ?? '/usr/bin/caddy';

/**
 * Debian's Caddy in front of the app, as docs/deploy.md sets it up: HTTPS with `tls internal`
 * (its own local authority), reverse_proxy to the app. Unprivileged ports, state in `dir`.
 */
export class CaddyProxy {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  constructor(
    private readonly dir: string,
    private readonly httpsPort: number,
    private readonly httpPort: number,
    private readonly upstream: string,
  ) {
    this.url = `https://localhost:${httpsPort}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const caddyfile = join(this.dir, 'Caddyfile');
    writeFileSync(
      caddyfile,
      [
        '{',
        '\tadmin off',
        '\tauto_https disable_redirects',
        '\tskip_install_trust',
        `\tstorage file_system ${join(this.dir, 'storage')}`,
        `\thttp_port ${this.httpPort}`,
        `\thttps_port ${this.httpsPort}`,
        '}',
        `https://localhost:${this.httpsPort} {`,
        '\ttls internal',
        `\treverse_proxy ${this.upstream}`,
        '}',
        '',
      ].join('\n'),
    );
    const child = spawn(CADDY_PATH, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env: {
        ...process.env,
        HOME: this.dir,
        XDG_DATA_HOME: join(this.dir, 'data'),
        XDG_CONFIG_HOME: join(this.dir, 'config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`caddy exited:\n${this.output}`);
      try {
        const answer = await httpsGet(`${this.url}/api/health`);
        if (answer.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`caddy did not proxy /api/health within 30 s:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * HTTPS from a chosen local address (127.0.0.x: a different "client machine" each), trusting
 * Caddy's internal authority the way a phone would after installing its root certificate.
 */
export function httpsGet(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
  } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        rejectUnauthorized: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
