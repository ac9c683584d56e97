import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// CommonJS, evaluated in the worker: registers tsx's loader in that thread (a worker does not
// inherit the `--import tsx` hooks of the main thread on Node 20), then loads the module.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const load = () => import(workerData.module);
(workerData.tsx ? import(workerData.tsx).then((tsx) => { tsx.register(); return load(); }) : load())
  .catch((error) => { throw error; });
`;

/**
 * A worker thread running one of the server's modules (`new URL('./x.ts', import.meta.url)`),
 * TypeScript as the server itself runs it (`node --import tsx`, or a test runner).
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const tsx = module.pathname.endsWith('.ts')
    ? pathToFileURL(
        join(
          dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
          'dist/esm/api/index.mjs',
        ),
      ).href
    : null;
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { module: module.href, tsx, data: workerData },
  });
}
