import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompress, gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const unbrotli = promisify(brotliDecompress);
const ungzip = promisify(gunzip);

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** From the first attempt to the decoded answer, waits after Retry-After included. */
  ms: number;
  /** Each HTTP request of this operation: its status, its own latency, when it was answered. */
  attempts: Attempt[];
}

export interface Attempt {
  status: number;
  /**
   * To the answer's last byte: the server's time. Decoding is the phone's own work (a few ms on
   * its page); here 500 phones' pages queue on the generator's four zlib threads, which a
   * phone never waits for.
   */
  ms: number;
  /** performance.now() when the answer's last byte was in. */
  at: number;
}

export class RequestError extends Error {}

/** What went over the loopback, counted by the load generator (bodies; headers excluded). */
export class WireCounters {
  sentBytes = 0;
  receivedBytes = 0;
  decodedBytes = 0;
  retries = 0;
  requests = 0;
}

// The app's sync engine never gives up on a Retry-After; the bench's deadline bounds a run.
const MAX_RETRIES = 1000;

/**
 * A phone's HTTP client for the load bench: its own kept-alive connection (node:http Agent with
 * one socket), `Accept-Encoding: br, gzip` as a browser sends, bodies decoded off the main
 * thread, and Retry-After on 429/503 honoured as the app's sync engine does (wait, try again).
 */
export class PhoneHttp {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly live = new Set<ReturnType<typeof request>>();
  private closed = false;

  constructor(
    private readonly base: string,
    public counters: WireCounters,
    private readonly timeoutMs: number,
    public token?: string,
  ) {}

  async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const attempts: Attempt[] = [];
    for (let attempt = 0; ; attempt++) {
      const sent = performance.now();
      const { lastByteAt: at, ...answer } = await this.once(method, path, payload);
      attempts.push({ status: answer.status, ms: at - sent, at });
      const retryAfter = Number(answer.headers['retry-after']);
      if (
        (answer.status === 503 || answer.status === 429) &&
        Number.isFinite(retryAfter) &&
        attempt < MAX_RETRIES
      ) {
        this.counters.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.max(retryAfter, 0.05) * 1000));
        continue;
      }
      return { ...answer, ms: performance.now() - started, attempts };
    }
  }

  async json<T extends object>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T & { ms: number; attempts: Attempt[] }> {
    const answer = await this.send(method, path, body);
    if (answer.status >= 300) {
      throw new RequestError(`${method} ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return Object.assign(JSON.parse(answer.text) as T, {
      ms: answer.ms,
      attempts: answer.attempts,
    });
  }

  /** A new connection for the same phone (after close()). */
  fork(): PhoneHttp {
    return new PhoneHttp(this.base, this.counters, this.timeoutMs, this.token);
  }

  /** Aborts whatever is in flight (the bench's deadline) and closes the connection. */
  close(): void {
    this.closed = true;
    for (const req of this.live) req.destroy(new RequestError('aborted at the deadline'));
    this.agent.destroy();
  }

  private once(
    method: string,
    path: string,
    payload: string | undefined,
  ): Promise<Omit<Answer, 'ms' | 'attempts'> & { lastByteAt: number }> {
    if (this.closed) return Promise.reject(new RequestError('aborted at the deadline'));
    this.counters.requests += 1;
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            'accept-encoding': 'br, gzip',
            ...(payload !== undefined
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const lastByteAt = performance.now();
            const raw = Buffer.concat(chunks);
            this.counters.receivedBytes += raw.length;
            const encoding = res.headers['content-encoding'];
            const decoded =
              encoding === 'br'
                ? unbrotli(raw)
                : encoding === 'gzip'
                  ? ungzip(raw)
                  : Promise.resolve(raw);
            decoded.then((bytes) => {
              this.counters.decodedBytes += bytes.length;
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: bytes.toString('utf8'),
                lastByteAt,
              });
            }, reject);
          });
        },
      );
      this.live.add(req);
      req.on('close', () => this.live.delete(req));
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new RequestError(`${method} ${path}: no answer in ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      if (payload !== undefined) this.counters.sentBytes += Buffer.byteLength(payload);
      req.end(payload);
    });
  }
}
