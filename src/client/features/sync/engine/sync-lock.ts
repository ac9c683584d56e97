// One sync at a time across the tabs of one user (two tabs pushing the same outbox is how
// peers got duplicates). Web Locks where the browser has them; an in-tab queue otherwise.
const inTabQueues = new Map<string, Promise<unknown>>();

export async function withSyncLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks?.request) {
    return locks.request(name, { mode: 'exclusive' }, task) as Promise<T>;
  }
  const previous = inTabQueues.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  inTabQueues.set(name, settled);
  try {
    return await run;
  } finally {
    if (inTabQueues.get(name) === settled) inTabQueues.delete(name);
  }
}

export function syncLockName(userId: string): string {
  return `outreach-log-sync:${userId}`;
}
