import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launchBrowser } from '../test/e2e/support/chromium';
import type { FirstSearchResult, SaveResult, SearchResult } from './browser/local-store-bench';

export type LocalStoreResult = SaveResult & SearchResult & { firstNoMatch: FirstSearchResult };
import { heading, ms, ratio, row } from './support/report';
import { serveStatic } from './support/static-server';

// Local save p95 and search without diacritics, with 10,000 records stored, measured in real
// Chromium against the app's own repository code (built by Vite like the app itself).
const STORED = Number(process.env.BENCH_STORED ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const ATTENDEES = 20;

export async function runLocalStoreBench(): Promise<LocalStoreResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-local-store-'));
  await build({
    root: join(import.meta.dirname, 'browser'),
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: join(import.meta.dirname, 'browser', 'local-store.html') },
    },
  });
  const { url, server } = await serveStatic(outDir);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('[bench page]', e.message));
    await page.goto(`${url}/local-store.html`);
    const saved = await page.evaluate((opts) => window.benchSeedAndSave(opts), {
      stored: STORED,
      samples: SAMPLES,
      attendees: ATTENDEES,
    });
    // As an officer opening the list after starting the app: new page, same IndexedDB. First a
    // search that matches nothing (it cannot stop early), then the usual queries after another start.
    await page.reload();
    const firstNoMatch = await page.evaluate((opts) => window.benchFirstSearchAfterReload(opts), {
      userId: saved.userId,
      query: 'khong co tu nay',
    });
    await page.reload();
    const searched = await page.evaluate((opts) => window.benchSearchAfterReload(opts), {
      userId: saved.userId,
    });
    return { ...saved, ...searched, firstNoMatch };
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function printLocalStore(r: LocalStoreResult): void {
  heading(`Local store in Chromium (${r.stored.toLocaleString('en')} records stored)`);
  row('seeding through saveActivity', `${r.seedSeconds.toFixed(1)} s`);
  row(
    `saveActivity (${r.attendeesPerSavedRecord} attendees) p50 / p95 / max`,
    `${ms(r.save.p50)} / ${ms(r.save.p95)} / ${ms(r.save.max)}  (target p95 ≤ 50 ms)`,
  );
  row(
    'raw IndexedDB put, same object, p50 / p95 / max',
    `${ms(r.rawPut.p50)} / ${ms(r.rawPut.p95)} / ${ms(r.rawPut.max)}`,
  );
  row('ratio save / raw put (p95)', ratio(r.save.p95, r.rawPut.p95));
  const f = r.firstNoMatch;
  row(
    `first search after start, no match ("${f.query}"), list + count`,
    `${ms(f.firstMs)}  (target ≤ 100 ms; ${f.hits} hits)`,
  );
  row(
    `  baseline: reading all ${f.rows.toLocaleString('en')} search rows one by one`,
    `${ms(f.readAllRowsMs)}  (ratio first search / baseline ${ratio(f.firstMs, f.readAllRowsMs)})`,
  );
  for (const [query, s] of Object.entries(r.search)) {
    row(
      `search "${query}" (${s.hits} hits), first 50: cold / warm p50 / warm p95`,
      `${ms(s.cold)} / ${ms(s.warm.p50)} / ${ms(s.warm.p95)}  (target ≤ 200 ms)`,
    );
    row(
      '  count of the same search, warm p50 / p95',
      `${ms(s.countWarm.p50)} / ${ms(s.countWarm.p95)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printLocalStore(await runLocalStoreBench());
}
