import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_SYNC_TAG,
  SYNC_REQUEST_MESSAGE,
} from '../../src/client/features/sync/engine/background-sync';

type Listener = (event: unknown) => void;

/** Runs public/sw-background-sync.js in a minimal service-worker global scope. */
function loadWorker() {
  const listeners = new Map<string, Listener>();
  const posted: unknown[][] = [[], []];
  const clients = posted.map((inbox) => ({ postMessage: (m: unknown) => inbox.push(m) }));
  const self = {
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    clients: { matchAll: async () => clients },
  };
  const source = readFileSync(
    join(import.meta.dirname, '../../public/sw-background-sync.js'),
    'utf8',
  );
  runInNewContext(source, { self });
  return {
    posted,
    async fire(tag: string) {
      const waits: Promise<unknown>[] = [];
      listeners.get('sync')?.({ tag, waitUntil: (p: Promise<unknown>) => waits.push(p) });
      await Promise.all(waits);
    },
  };
}

describe('service worker Background Sync hook', () => {
  it('forwards the app’s sync tag to every open page as the message the engine listens for', async () => {
    const worker = loadWorker();
    await worker.fire(BACKGROUND_SYNC_TAG);
    expect(worker.posted).toEqual([
      [{ type: SYNC_REQUEST_MESSAGE }],
      [{ type: SYNC_REQUEST_MESSAGE }],
    ]);
  });

  it('ignores other sync tags', async () => {
    const worker = loadWorker();
    await worker.fire('someone-elses-tag');
    expect(worker.posted).toEqual([[], []]);
  });
});
