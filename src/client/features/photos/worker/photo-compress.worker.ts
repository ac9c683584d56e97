/// <reference lib="webworker" />
import { compressPhoto, offscreenSurface, PhotoCompressError } from '../model/compress-photo';
import type { CompressReply, CompressTask } from './compress-messages';

// Compression off the main thread: decoding and encoding a 12-MP photo takes seconds on a cheap
// phone, which would freeze the form.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<CompressTask>) => {
  const { id, request } = event.data;
  let reply: CompressReply;
  if (typeof OffscreenCanvas === 'undefined') {
    reply = { id, error: 'unsupported' };
  } else {
    try {
      const photo = await compressPhoto(request, offscreenSurface);
      scope.postMessage({ id, photo } satisfies CompressReply, [
        photo.bytes,
        ...(photo.thumb ? [photo.thumb] : []),
      ]);
      return;
    } catch (error) {
      reply = {
        id,
        error: error instanceof PhotoCompressError ? error.reason : 'unsupported',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }
  scope.postMessage(reply);
};
