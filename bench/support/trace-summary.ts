import { readFileSync } from 'node:fs';

// Summarises a Chromium trace (bench:first-sync with BENCH_TRACE=dir): for each thread that
// was busy, the total of its top-level tasks and the event names with the most self time
// (time inside an event minus its children on the same thread). What a V8 CPU profile calls
// "(program)" — native work between JavaScript — shows up here by name.
// npx tsx bench/support/trace-summary.ts trace.json [top]

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; src_func?: string; data?: { functionName?: string } };
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: trace-summary.ts trace.json [top]');
const top = Number(topArg ?? 25);
const parsed = JSON.parse(readFileSync(file, 'utf8')) as
  TraceEvent[] | { traceEvents: TraceEvent[] };
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;

const threadNames = new Map<string, string>();
const processNames = new Map<number, string>();
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name')
    threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '');
}

// Complete events per thread; B/E pairs are turned into complete ones.
const byThread = new Map<string, { name: string; ts: number; end: number }[]>();
const open = new Map<string, TraceEvent[]>();
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (e.ph === 'X' && e.dur !== undefined) {
    const list = byThread.get(key) ?? [];
    list.push({ name: labelOf(e), ts: e.ts, end: e.ts + e.dur });
    byThread.set(key, list);
  } else if (e.ph === 'B') {
    const stack = open.get(key) ?? [];
    stack.push(e);
    open.set(key, stack);
  } else if (e.ph === 'E') {
    const begin = open.get(key)?.pop();
    if (begin) {
      const list = byThread.get(key) ?? [];
      list.push({ name: labelOf(begin), ts: begin.ts, end: e.ts });
      byThread.set(key, list);
    }
  }
}

function labelOf(e: TraceEvent): string {
  if (e.args?.src_func) return `${e.name} (${e.args.src_func})`;
  if (e.args?.data?.functionName) return `${e.name} ${e.args.data.functionName}`;
  return e.name;
}

const rows: { thread: string; busy: number; self: Map<string, number> }[] = [];
for (const [key, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map<string, number>();
  const stack: { name: string; end: number; child: number; dur: number }[] = [];
  let busy = 0;
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + Math.max(0, done.dur - done.child));
      if (stack.length > 0) stack[stack.length - 1]!.child += done.dur;
    }
  };
  for (const e of list) {
    close(e.ts);
    if (stack.length === 0) busy += e.end - e.ts;
    stack.push({ name: e.name, end: e.end, child: 0, dur: e.end - e.ts });
  }
  close(Infinity);
  const [pid, tid] = key.split(':').map(Number);
  const thread = `${processNames.get(pid!) ?? pid} / ${threadNames.get(key) ?? tid}`;
  rows.push({ thread, busy, self });
}
rows.sort((a, b) => b.busy - a.busy);
for (const { thread, busy, self } of rows.slice(0, 8)) {
  console.log(`\n== ${thread}: top-level tasks ${(busy / 1000).toFixed(0)} ms`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(9)} ms  ${name}`);
  }
}
