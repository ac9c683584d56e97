import { cpus } from 'node:os';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
import type { CDPSession, Page } from 'playwright-core';

// What a first sync is measured under (first-sync.bench.ts): network and CPU profiles, and
// the throttling that makes the page's Lighthouse BenchmarkIndex a given phone's.

export interface Profile {
  name: string;
  target: number;
  /** CDP Network.emulateNetworkConditions, or none. */
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpuRate: number;
  /** Throttle to this Lighthouse BenchmarkIndex instead of a fixed rate (calibrated per run). */
  benchmarkIndex?: number;
}

const KBIT = 1000 / 8;
export const FIRST_SYNC_PROFILES: Profile[] = [
  { name: 'unthrottled', target: NaN, cpuRate: 1 },
  {
    name: 'rural 3G (300 ms, 400 kbit/s)',
    target: 60_000,
    network: { latency: 300, downloadThroughput: 400 * KBIT, uploadThroughput: 400 * KBIT },
    cpuRate: 1,
  },
  cpuProfile(Number(process.env.BENCH_CPU_RATE ?? 4)),
  ...(process.env.BENCH_CPU_INDEX
    ? [
        {
          name: `CPU throttled to BenchmarkIndex ${process.env.BENCH_CPU_INDEX}`,
          target: NaN,
          cpuRate: NaN,
          benchmarkIndex: Number(process.env.BENCH_CPU_INDEX),
        },
      ]
    : []),
];

function cpuProfile(rate: number): Profile {
  return { name: `${rate}× CPU slowdown`, target: rate === 4 ? 8_000 : NaN, cpuRate: rate };
}

/**
 * Lighthouse's BenchmarkIndex of the page under the run's throttling: the measure DevTools
 * calibrates its CPU presets with (a low-tier phone ≈ 264, a mid-tier one ≈ 1000), so a figure
 * names the phone it emulates whatever the host. Self-contained; it runs ~1 s in the page.
 */
export function benchmarkIndex(page: Page): Promise<number> {
  return page.evaluate(pageFunctions.computeBenchmarkIndex);
}

/** The throttling rate at which the page's BenchmarkIndex is `wanted` (within 5 %). */
export async function calibrateRate(
  cdp: CDPSession,
  page: Page,
  wanted: number,
): Promise<{ rate: number; index: number }> {
  let rate = 1;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let index = await benchmarkIndex(page);
  // The index falls about in proportion to the rate: a few corrections converge.
  for (let step = 0; step < 4 && Math.abs(index - wanted) > 0.05 * wanted; step += 1) {
    rate = Math.max(1, (rate * index) / wanted);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    index = await benchmarkIndex(page);
  }
  return { rate, index };
}

/** The host, for the heading: CDP throttling is relative to it. */
export function hostDescription(browserVersion: string): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${model}, Chromium ${browserVersion}`;
}
