import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../src/server/http/problem';
import { WorkGate } from '../../src/server/http/work-gate';

const later = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('work gate for sync requests', () => {
  it('runs at most maxActive at once, the others in arrival order', async () => {
    const gate = new WorkGate(2, 100);
    const started: number[] = [];
    const blockers = Array.from({ length: 5 }, later);
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ active: 2, waiting: 3 });
    blockers[1]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const gate = new WorkGate(1, 10);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'ok')).toBe('ok');
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('answers 503 with Retry-After when the queue is full', async () => {
    const gate = new WorkGate(1, 1, 7);
    const block = later();
    const first = gate.run(() => block.promise);
    const second = gate.run(async () => 'queued');
    const refused = await gate.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpProblem);
    expect((refused as HttpProblem).status).toBe(503);
    expect((refused as HttpProblem).headers['retry-after']).toBe('7');
    block.resolve();
    await first;
    expect(await second).toBe('queued');
  });
});
