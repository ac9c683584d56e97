import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// Summarises a Chromium CPU profile (CDP Profiler.stop, e.g. from BENCH_CPU_PROFILE): where the
// main thread's time went, by function (self time) and by function including what it called.
// `npx tsx bench/support/cpu-profile-summary.ts file.cpuprofile [rows] [last ms]`

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const where = url ? `${basename(url)}:${lineNumber + 1}:${columnNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

/** `lastMs`: only the profile's final milliseconds (a bench's measured phase, after its set-up). */
export function summarise(profile: CpuProfile, rows = 40, lastMs = Infinity): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  const at: number[] = [];
  profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d / 1000), 0);
  const from = (at.at(-1) ?? 0) - lastMs;
  profile.samples.forEach((id, i) => {
    if (at[i]! < from) return;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(
        ([l, t]) =>
          `${t.toFixed(0).padStart(8)} ms ${((100 * t) / all).toFixed(1).padStart(5)} %  ${l}`,
      )
      .join('\n');
  return `profiled ${all.toFixed(0)} ms\n-- self --\n${top(self)}\n-- total --\n${top(total)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]!;
  console.log(
    summarise(
      JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
      Number(process.argv[3] ?? 40),
      Number(process.argv[4] ?? Infinity),
    ),
  );
}
