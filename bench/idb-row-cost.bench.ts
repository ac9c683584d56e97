import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { launchBrowser } from '../test/e2e/support/chromium';
import { heading, ratio, row } from './support/report';
import { sampleActivity } from './support/sample-activity';

// What a new phone's first sync pays per IndexedDB row (issue 14, 4× CPU target): raw
// IndexedDB in Chromium with CDP CPU throttling, the same 10 pages of 1,000 pulled records
// (~1 kB of JSON each, parsed from pure-ASCII page text as the app receives it) written in
// several layouts, each in a fresh context, alternated round by round (the machine is
// shared: the ratios against the row-per-record baseline of the same round are the figures).
// Then 50 records read by id, as the list's visible page or a detail screen would.
// `npm run bench:idb-rows`; BENCH_CPU_RATE (default 4), BENCH_ROUNDS (default 3).

const PAGES = 10;
const PAGE_RECORDS = 1000;
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The layouts; `chunk` is records per stored value (1 = a row per record, as the app now). */
const LAYOUTS = [
  { name: 'row per record (app since v14)', chunk: 1, json: false },
  { name: 'row per record, record as a JSON string', chunk: 1, json: true },
  { name: '50 records per value', chunk: 50, json: false },
  { name: '200 records per value', chunk: 200, json: false },
  { name: 'a page (1,000 records) per value', chunk: 1000, json: false },
] as const;

const escapeNonAscii = (text: string) =>
  text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function pageTexts(): string[] {
  return Array.from({ length: PAGES }, (_, p) => {
    const records = Array.from({ length: PAGE_RECORDS }, (_, j) => {
      const i = p * PAGE_RECORDS + j;
      const activity = sampleActivity(i, {
        communeCode: '30742',
        geographyId: 'an-giang-2025',
        authorId: 'bench-author',
      });
      // Sorted ids page by page, as uuidv7 ids of records made one after another are.
      const id = `rec-${String(i).padStart(6, '0')}`;
      return { ...activity, id, localMeta: { serverRev: i + 1, pendingMutations: 0, deleted: 0 } };
    });
    return escapeNonAscii(JSON.stringify(records));
  });
}

interface Figures {
  writeMs: number;
  /** Main-thread time inside the synchronous put() loops (clone, key, request setup). */
  putLoopMs: number;
  readMs: number;
}

async function main(): Promise<void> {
  const texts = pageTexts();
  const server = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>idb</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchBrowser();
  const results = new Map<string, Figures[]>();
  heading(
    `IndexedDB cost per row: ${PAGES} × ${PAGE_RECORDS} records, Chromium, ${CPU_RATE}× CPU (CDP)`,
  );
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const layout of LAYOUTS) {
        const context = await browser.newContext();
        await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
        const page = await context.newPage();
        await page.goto(url);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
        const figures = await page.evaluate(
          async ({ texts, chunk, json }) => {
            const done = <T>(r: IDBRequest<T>) =>
              new Promise<T>((resolve, reject) => {
                r.onsuccess = () => resolve(r.result);
                r.onerror = () => reject(r.error);
              });
            const opening = indexedDB.open(`idb-rows-${Math.random()}`, 1);
            opening.onupgradeneeded = () => opening.result.createObjectStore('records');
            const db = await done(opening);
            type Rec = { id: string; [field: string]: unknown };
            const started = performance.now();
            let putLoopMs = 0;
            const ids: string[] = [];
            for (const text of texts) {
              const records = JSON.parse(text) as Rec[];
              const loop = performance.now();
              const tx = db.transaction('records', 'readwrite');
              const store = tx.objectStore('records');
              if (chunk === 1) {
                for (const r of records) {
                  ids.push(r.id);
                  if (json) {
                    const { localMeta, ...rest } = r;
                    store.put({ localMeta, json: JSON.stringify(rest) }, r.id);
                  } else store.put(r, r.id);
                }
              } else {
                // Keyed by the chunk's first id: a record is found by the last key ≤ its id.
                for (let i = 0; i < records.length; i += chunk) {
                  const part = records.slice(i, i + chunk);
                  for (const r of part) ids.push(r.id);
                  store.put(part, part[0]!.id);
                }
              }
              putLoopMs += performance.now() - loop;
              await new Promise((resolve, reject) => {
                tx.oncomplete = resolve;
                tx.onerror = () => reject(tx.error);
              });
            }
            const writeMs = performance.now() - started;
            // 50 records spread over the whole store (a list sorted by date, not by id).
            const wanted = Array.from({ length: 50 }, (_, k) => ids[(k * 7919) % ids.length]!);
            const readStart = performance.now();
            const tx = db.transaction('records', 'readonly');
            const store = tx.objectStore('records');
            const found = await Promise.all(
              wanted.map(async (id) => {
                if (chunk === 1) {
                  const value = (await done(store.get(id))) as { json?: string } | Rec;
                  return json ? JSON.parse((value as { json: string }).json) : value;
                }
                const cursor = await done(store.openCursor(IDBKeyRange.upperBound(id), 'prev'));
                return (cursor?.value as Rec[]).find((r) => r.id === id);
              }),
            );
            const readMs = performance.now() - readStart;
            if (found.some((r) => !r)) throw new Error('a record was not found');
            db.close();
            return { writeMs, putLoopMs, readMs };
          },
          { texts, chunk: layout.chunk, json: layout.json },
        );
        await context.close();
        const list = results.get(layout.name) ?? [];
        list.push(figures);
        results.set(layout.name, list);
        const base = results.get(LAYOUTS[0].name)![round - 1]!;
        row(
          `round ${round}: ${layout.name}`,
          `write ${(figures.writeMs / 1000).toFixed(2)} s (${ratio(figures.writeMs, base.writeMs)}), ` +
            `put loop ${(figures.putLoopMs / 1000).toFixed(2)} s, ` +
            `read 50 by id ${figures.readMs.toFixed(0)} ms (${ratio(figures.readMs, base.readMs)}), ` +
            `load ${loadavg()[0]!.toFixed(1)}`,
        );
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  heading('median over rounds, ratio against a row per record');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = results.get(LAYOUTS[0].name)!;
  for (const layout of LAYOUTS) {
    const list = results.get(layout.name)!;
    const ratios = list.map((f, i) => f.writeMs / base[i]!.writeMs);
    const readRatios = list.map((f, i) => f.readMs / base[i]!.readMs);
    row(
      layout.name,
      `write ${(median(list.map((f) => f.writeMs)) / 1000).toFixed(2)} s, ` +
        `${median(ratios).toFixed(2)}× of per-row; ` +
        `read 50 by id ${median(list.map((f) => f.readMs)).toFixed(0)} ms, ${median(readRatios).toFixed(2)}×`,
    );
  }
}

await main();
