import type { Readable } from 'node:stream';
import { MAX_PHOTO_BYTES, PHOTO_MAX_EDGE_PX } from '../../../shared/photos/photo-limits';
import type { PhotoUploadStatus } from '../../../shared/photos/photo-upload-protocol';
import { PROBLEM_TYPES } from '../../../shared/sync/sync-protocol';
import { forbidden, HttpProblem, notFound, payloadTooLarge } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import { mayRead } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import { inspectPhoto, PHOTO_HEAD_BYTES } from './photo-media-type';
import type { PhotoRepository } from './photo.repository';
import { PhotoTooLargeError, type PhotoStorage } from './photo-storage';

export interface UploadChunk {
  offset: number;
  /** The photo's total size in bytes (the same on every chunk). */
  length: number;
  body: AsyncIterable<Uint8Array>;
  /** Ends this chunk's connection: a newer chunk of the same photo supersedes it. */
  abort(): void;
}

interface InFlight {
  abort(): void;
  done: Promise<void>;
}

/**
 * An unfinished upload untouched this long is abandoned (its record deleted, its phone lost or
 * reset): its bytes go, so partial uploads never fill the disk. A phone that still has the
 * photo asks where to resume, hears 0 and sends it whole — nothing is lost.
 */
export const ABANDONED_UPLOAD_MS = 7 * 24 * 3600_000;

const offsetMismatch = (offset: number) =>
  new HttpProblem(409, PROBLEM_TYPES.uploadOffset, 'uploadOffset', { offset }, undefined, {
    'upload-offset': String(offset),
  });

/**
 * Resumable, content-addressed photo upload (docs/sync-protocol.md, "Photos") and download with
 * the same read rights as the activities that reference a photo.
 */
export class PhotoService {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(
    private readonly repository: PhotoRepository,
    private readonly storage: PhotoStorage,
    private readonly geographies: GeographyService,
    private readonly clock: () => Date,
  ) {}

  /** Deletes the unfinished uploads abandoned for ABANDONED_UPLOAD_MS; returns how many. */
  pruneAbandonedUploads(): Promise<number> {
    const before = new Date(this.clock().getTime() - ABANDONED_UPLOAD_MS);
    return this.storage.prunePartials(before, new Set(this.inFlight.keys()));
  }

  async status(sha256: string): Promise<PhotoUploadStatus> {
    const row = await this.repository.find(sha256);
    if (row) return { sha256, offset: row.size, stored: true };
    return { sha256, offset: await this.storage.partialSize(sha256), stored: false };
  }

  async append(caller: Caller, sha256: string, chunk: UploadChunk): Promise<PhotoUploadStatus> {
    if (chunk.length < 1 || chunk.length > MAX_PHOTO_BYTES) {
      throw payloadTooLarge('photoTooLarge', { mb: Math.round(MAX_PHOTO_BYTES / 1024 / 1024) });
    }
    const stored = await this.repository.find(sha256);
    if (stored) return { sha256, offset: stored.size, stored: true }; // the body is not needed

    // A chunk still arriving for this photo is a connection its client gave up on (it would
    // not send another otherwise): end it so its bytes are settled before this one appends.
    for (let previous = this.inFlight.get(sha256); previous; previous = this.inFlight.get(sha256)) {
      previous.abort();
      await previous.done;
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    this.inFlight.set(sha256, { abort: chunk.abort, done });
    try {
      return await this.appendExclusively(caller, sha256, chunk);
    } finally {
      this.inFlight.delete(sha256);
      release();
    }
  }

  private async appendExclusively(caller: Caller, sha256: string, chunk: UploadChunk) {
    const current = await this.storage.partialSize(sha256);
    if (current > chunk.length) {
      // Bytes of an upload that declared another length: they cannot be this photo's.
      await this.storage.discardPartial(sha256);
      throw offsetMismatch(0);
    }
    if (current !== chunk.offset) throw offsetMismatch(current);
    let size: number;
    try {
      size = await this.storage.append(sha256, chunk.body, chunk.length);
    } catch (error) {
      if (error instanceof PhotoTooLargeError) {
        throw payloadTooLarge('uploadTooLong');
      }
      throw error; // the connection broke: what arrived stays for the next chunk
    }
    if (size < chunk.length) return { sha256, offset: size, stored: false };
    return this.complete(caller, sha256, size);
  }

  private async complete(caller: Caller, sha256: string, size: number) {
    const { sha256: actual, head } = await this.storage.inspectPartial(sha256, PHOTO_HEAD_BYTES);
    if (actual !== sha256) {
      await this.storage.discardPartial(sha256);
      throw new HttpProblem(422, PROBLEM_TYPES.photoHashMismatch, 'photoHashMismatch');
    }
    const shape = inspectPhoto(head, size);
    if (!shape) {
      await this.storage.discardPartial(sha256);
      throw new HttpProblem(415, PROBLEM_TYPES.unsupportedMediaType, 'notAPhoto');
    }
    // The app compresses to this edge before it stores a photo; anything larger did not.
    if (Math.max(shape.width, shape.height) > PHOTO_MAX_EDGE_PX) {
      await this.storage.discardPartial(sha256);
      throw new HttpProblem(422, PROBLEM_TYPES.validation, 'photoTooManyPixels', {
        px: PHOTO_MAX_EDGE_PX,
        width: shape.width,
        height: shape.height,
      });
    }
    const { mime } = shape;
    await this.storage.commit(sha256);
    await this.repository.insert({
      sha256,
      size,
      mime,
      uploaded_by: caller.user.id,
      created_at: this.clock().toISOString(),
    });
    return { sha256, offset: size, stored: true };
  }

  /**
   * The photo's bytes, for its uploader and whoever may read a record the uploader attached it
   * to (their own, or a colleague's they added it to), wherever that record is now. Another
   * account's record merely listing the hash does not count: knowing a hash is no right to it.
   */
  async read(
    caller: Caller,
    sha256: string,
  ): Promise<{ stream: Readable; size: number; mime: string }> {
    const row = await this.repository.find(sha256);
    if (!row) throw notFound('photoNotOnServer');
    if (row.uploaded_by !== caller.user.id) {
      const [catalog, communes] = await Promise.all([
        this.geographies.catalog(),
        this.repository.attachedCommunes(sha256, row.uploaded_by),
      ]);
      if (!communes.some((unit) => mayRead(caller.user, catalog, unit))) {
        throw forbidden('noPhotoRight');
      }
    }
    const file = await this.storage.open(sha256);
    if (!file) throw notFound('photoNotOnServer');
    return { ...file, mime: row.mime };
  }
}
