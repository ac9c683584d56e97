import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { heading, kb, row } from './support/report';

// First-load bytes of the built app: the JS and CSS that index.html references, plus every
// module those statically import (the chunks the browser must fetch before the first screen).
// Lazy screens (dynamic import) are listed apart. Bytes are stable, so this one is a CI budget.
/** kB as Vite prints it: 1 kB = 1000 bytes. */
export const FIRST_LOAD_BUDGET_BYTES = 105_000;

export interface SizedFile {
  file: string;
  bytes: number;
  gzip: number;
}

export interface FirstLoadReport {
  critical: SizedFile[];
  lazy: SizedFile[];
  criticalGzip: number;
  lazyGzip: number;
}

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const EXPORT_FROM = /export\s*[\w*{}\s,$]*from\s*["']([^"']+\.js)["']/g;
const CSS_IMPORT = /@import\s+(?:url\()?["']?([^"')]+\.css)/g;

function sized(dist: string, file: string): SizedFile {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzip: gzipSync(content).length };
}

function referencedByHtml(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)) refs.push(m[1]!);
  for (const m of html.matchAll(/<link[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="(stylesheet|modulepreload)"/.test(tag)) refs.push(href);
  }
  return refs.filter((r) => !/^[a-z]+:/i.test(r) && /\.(js|css)$/.test(r));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function measureFirstLoad(dist: string): FirstLoadReport {
  const indexHtml = join(dist, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`${indexHtml} is missing: run vite build first`);
  const toRel = (ref: string, from = '') =>
    posix.normalize(ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref));
  const queue = referencedByHtml(readFileSync(indexHtml, 'utf8')).map((r) => toRel(r));
  const critical = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (critical.has(file) || !existsSync(join(dist, file))) continue;
    critical.add(file);
    const text = readFileSync(join(dist, file), 'utf8');
    const patterns = file.endsWith('.css') ? [CSS_IMPORT] : [STATIC_IMPORT, EXPORT_FROM];
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) queue.push(toRel(m[1]!, file));
    }
  }
  // The service worker and its workbox runtime are not page code: not part of the first load.
  const isWorker = (f: string) => /^(sw|workbox-[\w-]+|registerSW)\.js$/.test(f);
  const all = walk(dist)
    .map((p) => relative(dist, p).split(/[\\/]/).join('/'))
    .filter((f) => /\.(js|css)$/.test(f) && !isWorker(f));
  const criticalFiles = [...critical].sort().map((f) => sized(dist, f));
  const lazyFiles = all
    .filter((f) => !critical.has(f))
    .sort()
    .map((f) => sized(dist, f));
  const sum = (files: SizedFile[]) => files.reduce((s, f) => s + f.gzip, 0);
  return {
    critical: criticalFiles,
    lazy: lazyFiles,
    criticalGzip: sum(criticalFiles),
    lazyGzip: sum(lazyFiles),
  };
}

export function printFirstLoad(report: FirstLoadReport): void {
  heading('First-load JS + CSS (gzip, zlib default level) of the built app');
  for (const f of report.critical) row(`  ${f.file}`, `${kb(f.gzip)} gzip (${kb(f.bytes)} raw)`);
  row(
    'first load total',
    `${kb(report.criticalGzip)} (budget ${kb(FIRST_LOAD_BUDGET_BYTES)}, ${((100 * report.criticalGzip) / FIRST_LOAD_BUDGET_BYTES).toFixed(0)} % used)`,
  );
  row(`lazy chunks (${report.lazy.length}), loaded on demand`, kb(report.lazyGzip));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist =
    process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ??
    join(dirname(import.meta.dirname), 'dist');
  const report = measureFirstLoad(dist);
  printFirstLoad(report);
  if (process.argv.includes('--check') && report.criticalGzip > FIRST_LOAD_BUDGET_BYTES) {
    console.error(
      `FAIL: first-load JS + CSS is ${kb(report.criticalGzip)} gzip, above the ${kb(FIRST_LOAD_BUDGET_BYTES)} budget`,
    );
    process.exit(1);
  }
}
