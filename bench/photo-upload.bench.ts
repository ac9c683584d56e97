import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { buildApp } from '../src/server/app';
import { launchBrowser } from '../test/e2e/support/chromium';
import { buildPhotoLab } from './support/photo-lab-build';
import { heading, kb, ratio, row } from './support/report';

// Issue 12's upload budget: 20 compressed photos through the app's own resumable uploader
// (features/sync/engine/photo-upload.ts + its HTTP transport) in Chromium, to the real server,
// over a connection throttled by the DevTools protocol to 400 kbit/s, cut once in the middle.
// Figures: time, and bytes sent against the photos' total size (goal ≤ 1.1×). Baseline in the
// same run: the same upload unthrottled and uncut.

const PHOTOS = Number(process.env.BENCH_UPLOAD_PHOTOS ?? 20);
const KBIT = 400;
const BYTES_PER_SECOND = (KBIT * 1000) / 8;
const CUT_MS = 3000;
const PASSWORD = 'mat-khau-du-dai';

interface UploadRun {
  elapsedMs: number;
  /** Chunk bodies handed to fetch (a chunk cut on the way counts whole: an upper bound). */
  bodyBytes: number;
  /** Request lines and headers as Chromium sent them (CDP requestWillBeSentExtraInfo). */
  headerBytes: number;
  requests: number;
  failures: number;
  photoBytes: number;
  cut: boolean;
}

export interface PhotoUploadResult {
  baseline: UploadRun;
  throttled: UploadRun;
  again: UploadRun;
  serverFilesBytes: number;
  loadBefore: number;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) total += stat.size;
  }
  return total;
}

export async function runPhotoUploadBench(): Promise<PhotoUploadResult> {
  const root = mkdtempSync(join(tmpdir(), 'bench-photo-upload-'));
  const clientDir = join(root, 'client');
  await buildPhotoLab(clientDir, 'upload-lab.html');
  copyFileSync(join(clientDir, 'upload-lab.html'), join(clientDir, 'index.html'));
  let adminPassword = '';
  const photoDir = join(root, 'photos');
  const app = await buildApp({
    database: { kind: 'sqlite', file: join(root, 'bench.sqlite') },
    clientDir,
    photoDir,
    onInitialAdminPassword: (p) => (adminPassword = p),
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(base + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { token: string };
  };
  const browser = await launchBrowser();
  try {
    const admin = await post('/api/auth/login', {
      username: 'admin',
      password: adminPassword,
      deviceName: 'bench',
    });
    await post(
      '/api/admin/users',
      { username: 'can.bo.anh', password: PASSWORD, role: 'commune', unitCode: '30742' },
      admin.token,
    );
    const { token } = await post('/api/auth/login', {
      username: 'can.bo.anh',
      password: PASSWORD,
      deviceName: 'Điện thoại bench',
    });

    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('[bench page]', e.message));
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let headerBytes = 0;
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      const headers = event.headers as Record<string, string>;
      // "PATCH /api/photos/…/upload HTTP/1.1\r\n" and each "name: value\r\n", then "\r\n".
      headerBytes += 80 + 2;
      for (const [name, value] of Object.entries(headers))
        headerBytes += name.length + value.length + 4;
    });
    let cutAt = Infinity;
    let cut = false;
    await page.exposeFunction('benchSent', async (bytes: number) => {
      if (cut || bytes < cutAt) return;
      cut = true;
      // Mid-chunk: the chunk now on the wire is cut part-way, as when a phone leaves the cell.
      setTimeout(() => {
        void cdp
          .send('Network.emulateNetworkConditions', {
            offline: true,
            latency: 0,
            downloadThroughput: 0,
            uploadThroughput: 0,
          })
          .then(() =>
            new Promise((resolve) => setTimeout(resolve, CUT_MS)).then(() =>
              cdp.send('Network.emulateNetworkConditions', throttle),
            ),
          );
      }, 400);
    });
    const throttle = {
      offline: false,
      latency: 300, // a weak 3G cell's round trip
      downloadThroughput: BYTES_PER_SECOND,
      uploadThroughput: BYTES_PER_SECOND,
    };
    await page.goto(`${base}/`);
    await page.waitForFunction(() => 'uploadLab' in window);

    const run = async (seed: number, throttled: boolean, fresh = true): Promise<UploadRun> => {
      const photos = fresh
        ? await page.evaluate(([n, s]) => window.uploadLab.makePhotos(n!, s!), [PHOTOS, seed])
        : { bytes: 0 };
      headerBytes = 0;
      cut = false;
      cutAt = throttled ? photos.bytes / 2 : Infinity;
      if (throttled) await cdp.send('Network.emulateNetworkConditions', throttle);
      const result = await page.evaluate((t) => window.uploadLab.uploadAll(t), token);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      return { ...result, headerBytes, photoBytes: photos.bytes, cut };
    };

    const loadBefore = loadavg()[0]!;
    const baseline = await run(1, false);
    const throttled = await run(2, true);
    // The same 20 again (a sync after a reinstall): the server has every hash, nothing is sent.
    const again = await run(2, false, false);
    return { baseline, throttled, again, serverFilesBytes: dirBytes(photoDir), loadBefore };
  } finally {
    await browser.close();
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function printPhotoUpload(r: PhotoUploadResult): void {
  heading(`Photo upload, ${PHOTOS} photos, Chromium → real server (app's resumable uploader)`);
  const sent = (u: UploadRun) => u.bodyBytes + u.headerBytes;
  row('photos, total size', `${PHOTOS}, ${kb(r.throttled.photoBytes)}`);
  row(
    'baseline (unthrottled, no cut): time, sent / size',
    `${(r.baseline.elapsedMs / 1000).toFixed(1)} s, ${ratio(sent(r.baseline), r.baseline.photoBytes)} (${r.baseline.requests} requests)`,
  );
  row(
    `${KBIT} kbit/s, cut ${CUT_MS / 1000} s in the middle: time`,
    `${(r.throttled.elapsedMs / 1000).toFixed(1)} s (pure transfer at ${KBIT} kbit/s: ${(r.throttled.photoBytes / BYTES_PER_SECOND).toFixed(1)} s)`,
  );
  row(
    '  bytes sent (bodies + headers) / photos',
    `${kb(sent(r.throttled))} / ${kb(r.throttled.photoBytes)} = ${ratio(sent(r.throttled), r.throttled.photoBytes)}  (goal ≤ 1.10×)`,
  );
  row(
    '  of which chunk bodies / headers',
    `${kb(r.throttled.bodyBytes)} / ${kb(r.throttled.headerBytes)}, ${r.throttled.requests} requests, ${r.throttled.failures} failed attempts (each resumed), cut ${r.throttled.cut ? 'made' : 'NOT made'}`,
  );
  row(
    'same photos again (server has them): bytes sent',
    `${kb(sent(r.again))} in ${r.again.requests} requests (status checks only)`,
  );
  row(
    'server files / photos uploaded',
    `${kb(r.serverFilesBytes)} / ${kb(r.baseline.photoBytes + r.throttled.photoBytes)}`,
  );
  row('load average (1 min) before', r.loadBefore.toFixed(2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printPhotoUpload(await runPhotoUploadBench());
}
