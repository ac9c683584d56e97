import { Worker } from 'node:worker_threads';

// The poller runs in a worker thread with its own event loop: on the load generator's main
// thread (500 phones' pages decoded and parsed there) a health check's answer waited for that
// work too, and the figure measured the generator, not the server. Plain JS (eval), so the
// worker needs no TypeScript loader.
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
let running = true;
parentPort.on('message', () => { running = false; });
function check() {
  return new Promise((resolve) => {
    const req = http.get(workerData.url + '/api/health', { agent, timeout: 60000 }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.on('timeout', () => req.destroy());
  });
}
(async () => {
  while (running) {
    const started = performance.now();
    await check();
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  agent.destroy();
  parentPort.postMessage(times);
})();
`;

/**
 * Polls `/api/health` one request at a time (every 100 ms after the previous answer) until
 * stopped; resolves to each check's time (ms) — a failed check counts the time it took.
 */
export function watchHealth(url: string): { stop: () => Promise<number[]> } {
  const worker = new Worker(POLLER, { eval: true, workerData: { url } });
  const times = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (t: number[]) => resolve(t));
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const result = await times;
      await worker.terminate();
      return result;
    },
  };
}
