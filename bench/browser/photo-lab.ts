import { compressOffMainThread } from '../../src/client/features/photos/model/compress-off-main-thread';
import {
  buildExifSegment,
  readJpegMetadata,
  withExifSegment,
} from '../../src/client/features/photos/model/jpeg-metadata';

// Runs the app's own photo code in Chromium for the e2e test and the bench: a 12-megapixel
// camera-like JPEG made here, compressed in the worker or on the main thread, with the main
// thread's blocking measured meanwhile.

export const FIXTURE_CAPTURED_AT = '2026-11-28T02:15:30.000Z';
export const FIXTURE_GPS = { lat: 10.012345, lng: 105.080912 };
export const FIXTURE_CAMERA_TEXT = 'SAMSUNG SM-A105F serial R58M1234567';

/** A 4000×3000 JPEG that compresses like a photo (gradients, shapes, sensor noise). */
/** `grain`: the sensor noise's range per pixel (24: a daylight photo; 64 and more: a dim room). */
async function makeFixture(width = 4000, height = 3000, grain = 24): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const sky = ctx.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#7fb2e5');
  sky.addColorStop(0.55, '#e8eef2');
  sky.addColorStop(0.56, '#6b8e4e');
  sky.addColorStop(1, '#3d5a2a');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 400; i++) {
    ctx.fillStyle = `hsl(${Math.floor(random() * 360)} 45% ${30 + Math.floor(random() * 40)}%)`;
    ctx.beginPath();
    ctx.ellipse(
      random() * width,
      random() * height,
      20 + random() * 250,
      20 + random() * 180,
      random() * 3,
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  ctx.fillStyle = '#222';
  ctx.font = '120px sans-serif';
  ctx.fillText('DANH SÁCH KÝ TÊN — ấp Vĩnh Thanh', 200, 400);
  const image = ctx.getImageData(0, 0, width, height);
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    const n = (random() - 0.5) * grain;
    data[i] = data[i]! + n;
    data[i + 1] = data[i + 1]! + n;
    data[i + 2] = data[i + 2]! + n;
  }
  ctx.putImageData(image, 0, 0);
  const jpeg = new Uint8Array(
    await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer(),
  );
  // What a phone camera adds: EXIF with time and GPS, and maker data that must not survive.
  const camera = new TextEncoder().encode(FIXTURE_CAMERA_TEXT);
  const comment = new Uint8Array([0xff, 0xfe, 0, camera.length + 2, ...camera]);
  const withCamera = withExifSegment(jpeg, comment);
  const fixture = withExifSegment(withCamera, buildExifSegment(FIXTURE_CAPTURED_AT, FIXTURE_GPS));
  return fixture.buffer as ArrayBuffer;
}

interface Blocking {
  /** Longest main-thread task while compressing (Long Tasks API), ms. */
  longestTaskMs: number;
  /** Sum over long tasks of their time beyond 50 ms (total blocking time), ms. */
  totalBlockingMs: number;
  /** [start, duration] of each long task, ms. */
  tasks: [number, number][];
}

function observeBlocking(): () => Blocking {
  const tasks: [number, number][] = [];
  const origin = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime - origin, e.duration]);
  });
  observer.observe({ type: 'longtask', buffered: false });
  return () => {
    for (const e of observer.takeRecords()) tasks.push([e.startTime - origin, e.duration]);
    observer.disconnect();
    return {
      longestTaskMs: Math.max(0, ...tasks.map(([, d]) => d)),
      totalBlockingMs: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      tasks,
    };
  };
}

async function compress(
  fixture: Blob,
  options: { forceMainThread: boolean; keepLocation: boolean },
) {
  await new Promise((r) => setTimeout(r, 100));
  const stop = observeBlocking();
  const started = performance.now();
  const photo = await compressOffMainThread(
    { file: fixture, lastModified: 0, keepLocation: options.keepLocation },
    { forceMainThread: options.forceMainThread },
  );
  const elapsedMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 50));
  const blocking = stop();
  const output = new Uint8Array(photo.bytes);
  const text = new TextDecoder('latin1').decode(output);
  return {
    inputBytes: fixture.size,
    bytes: output.byteLength,
    width: photo.width,
    height: photo.height,
    capturedAt: photo.capturedAt,
    location: photo.location,
    inWorker: photo.inWorker,
    fileMetadata: readJpegMetadata(photo.bytes),
    keepsCameraText: text.includes(FIXTURE_CAMERA_TEXT),
    elapsedMs,
    ...blocking,
  };
}

async function compressFixture(options: {
  forceMainThread: boolean;
  keepLocation: boolean;
  grain?: number;
}) {
  const fixture = await makeFixture(4000, 3000, options.grain);
  return compress(new Blob([fixture], { type: 'image/jpeg' }), options);
}

async function compressBytes(bytes: number[], type: string) {
  try {
    const photo = await compressOffMainThread({
      file: new Blob([new Uint8Array(bytes)], { type }),
      lastModified: 0,
      keepLocation: false,
    });
    return { ok: true as const, bytes: photo.bytes.byteLength };
  } catch (error) {
    return { ok: false as const, reason: (error as { reason?: string }).reason ?? String(error) };
  }
}

const lab = { makeFixture, compressFixture, compressBytes };
declare global {
  interface Window {
    photoLab: typeof lab;
  }
}
window.photoLab = lab;
