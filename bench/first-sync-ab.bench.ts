import { loadavg } from 'node:os';
import { runFirstSyncBench } from './first-sync.bench';

// Two builds of the app compared on the same machine in the same run, alternated (the machine
// is shared, so only same-run ratios compare): `BENCH_AB=base:/tmp/dist-a,new:/tmp/dist-b`
// (dirs built with `vite build --outDir`), BENCH_ROUNDS rounds (default 2), BENCH_PROFILES as
// for bench:first-sync (default: the throttled profile, 4× unless BENCH_CPU_RATE says). Each
// run has a fresh server, seed and browser.

const builds = (process.env.BENCH_AB ?? '').split(',').map((pair) => {
  const at = pair.indexOf(':');
  return { name: pair.slice(0, at), dir: pair.slice(at + 1) };
});
if (builds.length < 2 || builds.some((b) => !b.name || !b.dir)) {
  throw new Error('BENCH_AB=name:dir,name:dir (two or more builds) is required');
}
process.env.BENCH_PROFILES ??= 'CPU slowdown';
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const walls = new Map<string, number[]>(builds.map((b) => [b.name, []]));
let lastHost = '';
for (let round = 1; round <= rounds; round += 1) {
  for (const { name, dir } of builds) {
    const before = loadavg()[0]!;
    for (const r of await runFirstSyncBench(dir)) {
      walls.get(name)!.push(r.ms);
      lastHost = r.host;
      const cpu = [...r.cpu]
        .filter(([kind]) => kind.includes('renderer') || kind.includes('browser'))
        .map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(1)}`)
        .join(', ');
      console.log(
        `round ${round} ${name.padEnd(10)} ${r.profile.name}: ${(r.ms / 1000).toFixed(1)} s  ` +
          `(${cpu}; login → first pull ${((r.firstPullMs ?? NaN) / 1000).toFixed(2)} s; ` +
          `BenchmarkIndex ${r.benchmarkIndex.toFixed(0)} at ${r.cpuRate.toFixed(1)}×)  ` +
          `load ${before.toFixed(1)}→${r.load.toFixed(1)}`,
      );
    }
  }
}
const [base, ...others] = builds;
console.log(`host: ${lastHost}`);
for (const { name } of others) {
  const ratios = walls.get(name)!.map((ms, i) => (ms / walls.get(base!.name)![i]!).toFixed(2));
  console.log(`${name} / ${base!.name}, wall, per round: ${ratios.join(', ')}`);
}
