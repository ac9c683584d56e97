import {
  compressPhoto,
  domCanvasSurface,
  PhotoCompressError,
  type CompressedPhoto,
  type CompressRequest,
} from './compress-photo';
import type { CompressReply, CompressTask } from '../worker/compress-messages';

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const waiting = new Map<number, (reply: CompressReply) => void>();

function compressionWorker(): Worker | null {
  if (workerBroken || typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    return null;
  }
  if (!worker) {
    worker = new Worker(new URL('../worker/photo-compress.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<CompressReply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
    worker.onerror = () => {
      // A worker that fails to load: fall back to the page for this and every later photo.
      workerBroken = true;
      for (const [id, resolve] of waiting) resolve({ id, error: 'unsupported' });
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/**
 * Compresses in a worker with OffscreenCanvas where the browser has it, else on the main thread
 * with a <canvas> (older Safari). Throws PhotoCompressError('notImage' | 'tooLarge').
 */
export async function compressOffMainThread(
  request: CompressRequest,
  options: { forceMainThread?: boolean } = {},
): Promise<CompressedPhoto & { inWorker: boolean }> {
  const target = options.forceMainThread ? null : compressionWorker();
  if (target) {
    const id = nextId++;
    const reply = await new Promise<CompressReply>((resolve) => {
      waiting.set(id, resolve);
      // The bytes are copied, not transferred: the caller keeps the original file.
      target.postMessage({ id, request } satisfies CompressTask);
    });
    if ('photo' in reply) return { ...reply.photo, inWorker: true };
    if (reply.error !== 'unsupported') throw new PhotoCompressError(reply.error);
    workerBroken = true;
  }
  return { ...(await compressPhoto(request, domCanvasSurface)), inWorker: false };
}
