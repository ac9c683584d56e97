import { uploadPhoto } from '../../src/client/features/sync/engine/photo-upload';
import { photoTransport } from '../../src/client/features/sync/http/photo-upload-http';
import { sha256Hex } from '../../src/client/lib/sha256';

// Runs the app's own resumable uploader (photo-upload.ts with its HTTP transport) in Chromium
// against the real server, for bench/photo-upload.bench.ts: the bench throttles and cuts the
// network through the DevTools protocol while this page uploads.

interface LabPhoto {
  sha256: string;
  bytes: ArrayBuffer;
}

let photos: LabPhoto[] = [];

/**
 * `count` distinct compressed photos as the attach step leaves them: 1600 × 1200 JPEG at the
 * app's quality, with texture and sensor noise so they weigh what real ones do (~200–300 kB).
 */
async function makePhotos(count: number, seed: number): Promise<{ count: number; bytes: number }> {
  photos = [];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < count; n++) {
    const canvas = new OffscreenCanvas(1600, 1200);
    const ctx = canvas.getContext('2d')!;
    const sky = ctx.createLinearGradient(0, 0, 0, 1200);
    sky.addColorStop(0, `hsl(${200 + n} 60% 70%)`);
    sky.addColorStop(0.5, '#e8eef2');
    sky.addColorStop(0.51, '#6b8e4e');
    sky.addColorStop(1, '#3d5a2a');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 1600, 1200);
    for (let i = 0; i < 250; i++) {
      ctx.fillStyle = `hsl(${Math.floor(random() * 360)} 45% ${30 + Math.floor(random() * 40)}%)`;
      ctx.beginPath();
      ctx.ellipse(
        random() * 1600,
        random() * 1200,
        10 + random() * 120,
        10 + random() * 90,
        random() * 3,
        0,
        Math.PI * 2,
      );
      ctx.fill();
    }
    const image = ctx.getImageData(0, 0, 1600, 1200);
    for (let i = 0; i < image.data.length; i += 4) {
      const noise = (random() - 0.5) * 14;
      image.data[i] = image.data[i]! + noise;
      image.data[i + 1] = image.data[i + 1]! + noise;
      image.data[i + 2] = image.data[i + 2]! + noise;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    const bytes = await blob.arrayBuffer();
    photos.push({ sha256: await sha256Hex(bytes), bytes });
  }
  return { count, bytes: photos.reduce((sum, p) => sum + p.bytes.byteLength, 0) };
}

declare global {
  interface Window {
    /** Set by the bench (page.exposeFunction): told the body bytes handed to fetch so far. */
    benchSent?: (bytes: number) => Promise<void>;
  }
}

/**
 * Uploads every photo one after another, as the sync engine does. A failed upload (the cut) is
 * retried after a pause, as the engine's next cycle would: uploadPhoto asks the server what it
 * has and sends only the rest.
 */
async function uploadAll(token: string) {
  let bodyBytes = 0;
  let requests = 0;
  let failures = 0;
  const counting: typeof fetch = async (input, init) => {
    requests += 1;
    const body = init?.body;
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) bodyBytes += body.byteLength;
    else if (typeof body === 'string') bodyBytes += new TextEncoder().encode(body).length;
    void window.benchSent?.(bodyBytes);
    return fetch(input, init);
  };
  const transport = photoTransport({ baseUrl: '', token, fetch: counting, timeoutMs: 60_000 });
  const started = performance.now();
  for (const photo of photos) {
    for (;;) {
      try {
        await uploadPhoto(transport, photo);
        break;
      } catch {
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
  return { elapsedMs: performance.now() - started, bodyBytes, requests, failures };
}

const lab = { makePhotos, uploadAll, hashes: () => photos.map((p) => p.sha256) };
declare global {
  interface Window {
    uploadLab: typeof lab;
  }
}
window.uploadLab = lab;
