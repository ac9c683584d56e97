import lighthouse from 'lighthouse';
import { startDevtoolsChromium } from './support/devtools-chromium';
import { heading, ms, row } from './support/report';

// Lighthouse 12.2.3, default (mobile) config: Moto G Power emulation, simulated slow 4G and
// 4× CPU slowdown. A fresh profile each run, so this is a first visit (no service worker yet).
export interface LighthouseRun {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** Lighthouse's own opportunities with estimated savings, largest first. */
  opportunities: { id: string; title: string; savingsMs: number }[];
}

export interface LighthouseResult {
  url: string;
  runs: LighthouseRun[];
  median: LighthouseRun;
}

async function once(url: string): Promise<LighthouseRun> {
  const chrome = await startDevtoolsChromium();
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError)
      throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      si: audit('speed-index'),
      opportunities: Object.values(lhr.audits)
        .map((a) => ({
          id: a.id,
          title: a.title,
          savingsMs:
            (a.details as { overallSavingsMs?: number } | undefined)?.overallSavingsMs ?? 0,
        }))
        .filter((o) => o.savingsMs > 0)
        .sort((a, b) => b.savingsMs - a.savingsMs),
    };
  } finally {
    await chrome.close();
  }
}

export async function runLighthouse(url: string, times = 3): Promise<LighthouseResult> {
  const runs: LighthouseRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await once(url));
  const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]!;
  return { url, runs, median };
}

export function printLighthouse(r: LighthouseResult): void {
  heading('Lighthouse 12.2.3, mobile, performance (real server, first visit)');
  row('scores of the runs', r.runs.map((x) => x.score).join(', '));
  const m = r.median;
  row('median score', `${m.score}  (target ≥ 95)`);
  row('  FCP / LCP / Speed Index', `${ms(m.fcp)} / ${ms(m.lcp)} / ${ms(m.si)}`);
  row('  TBT / CLS', `${ms(m.tbt)} / ${m.cls.toFixed(3)}`);
  for (const o of m.opportunities.slice(0, 5))
    row(`  opportunity: ${o.id}`, `saves ~${ms(o.savingsMs)}`);
}
