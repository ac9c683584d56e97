import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PhotoTooLargeError, type PhotoStorage } from './photo-storage';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Photos as files: `stored/ab/<sha256>` once complete (fanned out by the first byte so no
 * directory grows huge), `partial/<sha256>` while arriving. A photo appears in `stored/` only by
 * an atomic rename of a synced file, so a crash never leaves a truncated stored photo.
 */
export class FsPhotoStorage implements PhotoStorage {
  private directories: Promise<void> | undefined;

  constructor(private readonly root: string) {}

  /** Creates the directories on first use (not at start: a server may never see a photo). */
  private get ready(): Promise<void> {
    this.directories ??= Promise.all([
      mkdir(join(this.root, 'stored'), { recursive: true }),
      mkdir(join(this.root, 'partial'), { recursive: true }),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.directories = undefined;
        throw error;
      },
    );
    return this.directories;
  }

  private storedPath(sha256: string) {
    return join(this.root, 'stored', sha256.slice(0, 2), sha256);
  }

  private partialPath(sha256: string) {
    return join(this.root, 'partial', sha256);
  }

  async open(sha256: string) {
    await this.ready;
    const path = this.storedPath(sha256);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async partialSize(sha256: string): Promise<number> {
    await this.ready;
    try {
      return (await stat(this.partialPath(sha256))).size;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  }

  async append(sha256: string, body: AsyncIterable<Uint8Array>, maxSize: number) {
    await this.ready;
    const file = await open(this.partialPath(sha256), 'a');
    try {
      let size = (await file.stat()).size;
      // Each chunk is on disk before the next is read: the file is always a prefix of what
      // the client sent, whatever point the connection breaks at.
      for await (const chunk of body) {
        if (size + chunk.byteLength > maxSize) {
          await file.write(chunk, 0, maxSize - size);
          throw new PhotoTooLargeError(maxSize);
        }
        await file.write(chunk);
        size += chunk.byteLength;
      }
      return size;
    } finally {
      await file.close();
    }
  }

  async inspectPartial(sha256: string, headBytes: number) {
    await this.ready;
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    for await (const chunk of createReadStream(this.partialPath(sha256))) {
      const bytes = chunk as Buffer;
      if (headLength < headBytes) {
        const part = bytes.subarray(0, headBytes - headLength);
        head.push(Buffer.from(part)); // a copy: the stream may reuse its buffer
        headLength += part.length;
      }
      hash.update(bytes);
    }
    return { sha256: hash.digest('hex'), head: Buffer.concat(head) };
  }

  async commit(sha256: string): Promise<void> {
    await this.ready;
    const from = this.partialPath(sha256);
    const file = await open(from, 'r+');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    const to = this.storedPath(sha256);
    await mkdir(join(to, '..'), { recursive: true });
    await rename(from, to);
  }

  async discardPartial(sha256: string): Promise<void> {
    await this.ready;
    await rm(this.partialPath(sha256), { force: true });
  }

  async prunePartials(before: Date, keep: ReadonlySet<string>): Promise<number> {
    let names: string[];
    try {
      names = await readdir(join(this.root, 'partial')); // not `ready`: no directory, no upload
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let pruned = 0;
    for (const name of names) {
      if (keep.has(name)) continue;
      const path = this.partialPath(name);
      try {
        if ((await stat(path)).mtime < before) {
          await rm(path, { force: true });
          pruned += 1;
        }
      } catch (error) {
        if (!isMissing(error)) throw error; // completed or discarded meanwhile
      }
    }
    return pruned;
  }
}
