import { createHash } from 'node:crypto';

/** Compressed bytes kept: a few hundred full pull pages (each ~25× smaller than its JSON). */
const DEFAULT_BUDGET_BYTES = 32 * 1024 * 1024;
/** Smaller bodies are cheap to compress and rarely sent twice alike. */
export const KEPT_FROM_BYTES = 32 * 1024;

/**
 * Compressed bodies by the hash of what they compress, so a page sent alike to many phones is
 * compressed once: the phones of a commune pulling from the same cursor get byte-identical pages
 * (a first sync from 0, the catch-up after a quiet spell), and brotli is most of a page's cost.
 * Keyed by content, never by request, so nothing can go stale; identical requests in flight
 * together wait for one compression. A caller that can name a body's content exactly (a pull
 * page: byIdentity) skips building and hashing it when it is kept. Least recently sent
 * forgotten first past the budget.
 */
export class CompressedBodies {
  private readonly kept = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private readonly identified = new Map<
    string,
    Promise<{ compressed: Buffer } | { body: Buffer }>
  >();
  private bytes = 0;

  constructor(private readonly budget = DEFAULT_BUDGET_BYTES) {}

  async compressed(
    body: Buffer,
    encoding: string,
    compress: (body: Buffer) => Promise<Buffer>,
  ): Promise<Buffer> {
    if (body.length < KEPT_FROM_BYTES) return compress(body);
    const key = `${encoding}:${createHash('sha256').update(body).digest('base64')}`;
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const work = compress(body);
    this.pending.set(key, work);
    try {
      const done = await work;
      this.keep(key, done);
      return done;
    } finally {
      this.pending.delete(key);
    }
  }

  /**
   * The compressed bytes of the body `identity` names, from what is kept when it is there:
   * then the body is neither built nor hashed. For callers that can name a body exactly
   * (a pull page: its feed, its range of committed versions and its tail; every body of one
   * identity must be byte-identical). A body too small to keep comes back as it is (`body`).
   */
  async byIdentity(
    identity: string,
    encoding: string,
    build: () => Promise<Buffer>,
    compress: (body: Buffer) => Promise<Buffer>,
  ): Promise<{ compressed: Buffer } | { body: Buffer }> {
    const key = `${encoding}:=${identity}`;
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return { compressed: found };
    }
    const running = this.identified.get(key);
    if (running) return running;
    // Requests for one identity in flight together wait for one build and one compression.
    const work = (async (): Promise<{ compressed: Buffer } | { body: Buffer }> => {
      const body = await build();
      if (body.length < KEPT_FROM_BYTES) return { body };
      const done = await compress(body);
      this.keep(key, done);
      return { compressed: done };
    })();
    this.identified.set(key, work);
    try {
      return await work;
    } finally {
      this.identified.delete(key);
    }
  }

  /** Entries and bytes kept (tests). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.kept.size, bytes: this.bytes };
  }

  private keep(key: string, bytes: Buffer): void {
    if (bytes.length > this.budget || this.kept.has(key)) return;
    this.kept.set(key, bytes);
    this.bytes += bytes.length;
    for (const [oldest, old] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(oldest);
      this.bytes -= old.length;
    }
  }
}
