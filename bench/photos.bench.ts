import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/support/chromium';
import { buildPhotoLab } from './support/photo-lab-build';
import { heading, kb, ms, row } from './support/report';
import { serveStatic } from './support/static-server';

// Issue 12's budgets, in Chromium on the app's own photo code (bench/browser/photo-lab.ts):
// compressing a 12-MP photo in the worker vs on the main thread (main-thread blocking must stay
// under 50 ms with the worker).

type Compression = Awaited<ReturnType<Window['photoLab']['compressFixture']>>;

export interface PhotoCompressionResult {
  worker: Compression;
  mainThread: Compression;
}

export async function runPhotoCompressionBench(): Promise<PhotoCompressionResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-photo-lab-'));
  await buildPhotoLab(outDir);
  const { url, server } = await serveStatic(outDir);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('[bench page]', e.message));
    await page.goto(`${url}/photo-lab.html`);
    await page.waitForFunction(() => 'photoLab' in window);
    // One warm-up each (code compiled, worker started), then the measured runs.
    await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: false, keepLocation: false }),
    );
    const worker = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: false, keepLocation: false }),
    );
    const mainThread = await page.evaluate(() =>
      window.photoLab.compressFixture({ forceMainThread: true, keepLocation: false }),
    );
    return { worker, mainThread };
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function printPhotoCompression(r: PhotoCompressionResult): void {
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify([r.worker.tasks, r.worker.elapsedMs]));
  heading('Photo compression, 12 MP (4000×3000) → ≤ 1600 px JPEG, Chromium');
  row('input (camera-like JPEG, q 0.92)', kb(r.worker.inputBytes));
  row('output size / dimensions', `${kb(r.worker.bytes)} / ${r.worker.width}×${r.worker.height}`);
  row(
    'time in the worker / on the main thread',
    `${ms(r.worker.elapsedMs)} / ${ms(r.mainThread.elapsedMs)}`,
  );
  row(
    'main-thread longest task: worker / main thread',
    `${ms(r.worker.longestTaskMs)} / ${ms(r.mainThread.longestTaskMs)}  (target with worker < 50 ms)`,
  );
  row(
    'total blocking time: worker / main thread',
    `${ms(r.worker.totalBlockingMs)} / ${ms(r.mainThread.totalBlockingMs)}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printPhotoCompression(await runPhotoCompressionBench());
}
