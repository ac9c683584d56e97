import type { Readable } from 'node:stream';

/**
 * Where photo bytes live, complete or still arriving. The filesystem implementation keeps them
 * under DATA_DIR; an S3-compatible one would map partials to multipart uploads. Names are
 * SHA-256 hex strings the service has validated.
 */
export interface PhotoStorage {
  /** A complete photo's bytes, or null when it is not stored. */
  open(sha256: string): Promise<{ stream: Readable; size: number } | null>;
  /** Bytes received so far of an unfinished upload (0 when there is none). */
  partialSize(sha256: string): Promise<number>;
  /**
   * Appends `body` to the unfinished upload and returns its new size. Whatever arrived before
   * `body` failed (a cut connection) stays: the next chunk continues from there. Refuses to grow
   * it past `maxSize` (throws `PhotoTooLargeError`, keeping what fits).
   */
  append(sha256: string, body: AsyncIterable<Uint8Array>, maxSize: number): Promise<number>;
  /** SHA-256 (hex) of the unfinished upload and its first `headBytes` bytes (fewer if shorter). */
  inspectPartial(sha256: string, headBytes: number): Promise<{ sha256: string; head: Buffer }>;
  /** Makes the unfinished upload the stored photo (durably), atomically. */
  commit(sha256: string): Promise<void>;
  discardPartial(sha256: string): Promise<void>;
  /** Drops unfinished uploads last written before `before` (except `keep`); returns how many. */
  prunePartials(before: Date, keep: ReadonlySet<string>): Promise<number>;
}

export class PhotoTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`upload would exceed its declared length (${size} bytes so far)`);
    this.name = 'PhotoTooLargeError';
  }
}
