import { readdirSync, readFileSync } from 'node:fs';

// CPU time (user + system) of this process's descendants, by kind, read from /proc (Linux).
// On a shared machine wall-clock figures swing with the load average; CPU seconds spent by the
// browser's renderer, its other processes and the server do not.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  cpuMs: number;
  kind: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces: fields after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = cmdline.find((a) => a.startsWith('--type='))?.slice('--type='.length);
    const kind = /chrom/.test(cmdline[0] ?? '')
      ? type === 'utility'
        ? `chromium ${
            cmdline
              .find((a) => a.startsWith('--utility-sub-type='))
              ?.split('.')
              .pop() ?? 'utility'
          }`
        : `chromium ${type ?? 'browser'}`
      : (cmdline[0]?.split('/').pop() ?? 'other');
    return { pid, ppid, cpuMs, kind };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU ms per kind of descendant process of `root` (default: this process), right now. */
export function descendantCpu(root = process.pid): Map<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined);
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const byKind = new Map<string, number>();
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      byKind.set(child.kind, (byKind.get(child.kind) ?? 0) + child.cpuMs);
      walk(child.pid);
    }
  };
  walk(root);
  return byKind;
}

/** CPU ms spent per kind between two descendantCpu() readings (processes that ended are lost). */
export function cpuSpent(
  before: Map<string, number>,
  after: Map<string, number>,
): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [kind, ms] of after) spent.set(kind, Math.max(0, ms - (before.get(kind) ?? 0)));
  return spent;
}
