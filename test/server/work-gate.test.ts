import { describe, expect, it } from 'vitest';
import { gate, later, refusal, turn } from './support/work-gate-helpers';

describe('work gate for sync requests', () => {
  it('runs at most maxActive at once, the others in arrival order', async () => {
    const { gate: g } = gate({ maxActive: 2 });
    const started: number[] = [];
    const blockers = Array.from({ length: 5 }, later);
    const runs = blockers.map((b, i) =>
      g.run('push', async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await turn();
    expect(started).toEqual([0, 1]);
    expect(g.load).toMatchObject({ active: 2, waiting: 3 });
    blockers[1]!.resolve();
    await turn();
    expect(started).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(g.load).toMatchObject({ active: 0, waiting: 0, admitted: 5, refused: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const { gate: g } = gate();
    await expect(g.run('push', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await g.run('push', async () => 'ok')).toBe('ok');
    expect(g.load).toMatchObject({ active: 0, waiting: 0 });
  });

  it('admits only while the predicted wait fits the budget, then answers 503 + Retry-After', async () => {
    // One slot, pushes estimated at 100 ms: queued waits 100, 200; the third would wait 300.
    const { gate: g } = gate({ waitBudgetMs: 250 });
    const block = later();
    const first = g.run('push', () => block.promise);
    const queued = [g.run('push', async () => 'a'), g.run('push', async () => 'b')];
    expect(g.predictedWaitMs()).toBe(200);
    const refused = await refusal(g.run('push', async () => 'never'));
    expect(refused.status).toBe(503);
    expect(refused.code).toBe('problem.serverBusy');
    // Whole seconds (RFC 9110 delay-seconds), at least 1.
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    // A pull of the same estimate is refused too; nothing queued was dropped.
    await refusal(g.run('pull', async () => 'never'));
    expect(g.load).toMatchObject({ active: 1, waiting: 2, refused: 2 });
    block.resolve();
    await first;
    expect(await Promise.all(queued)).toEqual(['a', 'b']);
    // Drained: admitted again.
    expect(await g.run('push', async () => 'again')).toBe('again');
  });

  it('spreads the refused over the time the server needs for them, not one herd', async () => {
    // One slot, 500 ms per push, nothing may queue: each refused push is booked half a second
    // after the previous one, so Retry-After climbs 1, 1, 2, 2, 3, 3… (two per second).
    const { gate: g } = gate({
      waitBudgetMs: 0,
      initialEstimateMs: { push: 500 },
    });
    const block = later();
    const first = g.run('push', () => block.promise);
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const refused = await refusal(g.run('push', async () => 'never'));
      delays.push(Number(refused.headers['retry-after']));
    }
    expect(delays).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
    block.resolve();
    await first;
  });

  it('adds up to a second of jitter and never asks for more than the cap', async () => {
    let coin = 0;
    const { gate: g } = gate({
      waitBudgetMs: 0,
      initialEstimateMs: { push: 10_000 },
      maxRetryAfterSeconds: 30,
      random: () => (coin++ % 2 === 0 ? 0.9 : 0.1),
    });
    const block = later();
    const first = g.run('push', () => block.promise);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(Number((await refusal(g.run('push', async () => 0))).headers['retry-after']));
    }
    // Booked at 10, 20, 30, 40, 50 s; jitter +1 on every other; capped at 30.
    expect(delays).toEqual([11, 20, 30, 30, 30]);
    block.resolve();
    await first;
  });

  it('learns each kind’s time: slow first-sync pages make the queue refuse sooner', async () => {
    const { gate: g, clock } = gate({ waitBudgetMs: 1_000 });
    // Each full pull takes 2 s on the gate's clock; its estimate climbs from 400 ms.
    for (let i = 0; i < 10; i++) {
      await g.run('fullPull', async () => {
        clock.now += 2_000;
      });
    }
    expect(g.meanOf('fullPull')).toBeGreaterThan(1_500);
    expect(g.meanOf('push')).toBe(100);
    const block = later();
    const first = g.run('push', () => block.promise);
    // One full pull (~1.8 s predicted) does not fit a 1 s budget; ten pushes (1 s) do.
    await refusal(g.run('fullPull', async () => 0));
    const pushes = Array.from({ length: 10 }, () => g.run('push', async () => 0));
    await refusal(g.run('push', async () => 0));
    block.resolve();
    await first;
    await Promise.all(pushes);
  });

  describe('pull pages weighed by their size (catch-up pulls)', () => {
    it('queues short pulls but refuses a catch-up page that would not be served within budget', async () => {
      // Pulls: 10 ms fixed + 1 ms per row of their page; one slot, urgent budget 300 ms.
      const { gate: g } = gate({
        urgentWaitBudgetMs: 300,
        initialEstimateMs: { push: 100, pull: 10 },
        initialPerRowMs: { pull: 1 },
      });
      const block = later();
      const first = g.run('push', () => block.promise);
      // Five short pulls of 5 rows (15 ms each) queue: the queue holds 75 ms.
      const short = [1, 2, 3, 4, 5].map((i) => g.run('pull', async () => i, 0, 5));
      expect(g.predictedWaitMs('pull')).toBe(75);
      // A page of 500 rows would finish 75 + 510 ms from now: refused, told to come back.
      const page = await refusal(g.run('pull', async () => 'never', 0, 500));
      expect(page.status).toBe(503);
      // As one short pull it fits, and a page of 200 rows (210 ms) still does.
      const fits = [g.run('pull', async () => 6, 0, 5), g.run('pull', async () => 7, 0, 200)];
      expect(g.predictedWaitMs('pull')).toBe(300);
      block.resolve();
      await first;
      expect(await Promise.all([...short, ...fits])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('books refused catch-up pages by their size: a burst returns spread over its work', async () => {
      const { gate: g } = gate({
        urgentWaitBudgetMs: 100,
        initialEstimateMs: { push: 100, pull: 10 },
        initialPerRowMs: { pull: 1 },
      });
      const block = later();
      const first = g.run('push', () => block.promise);
      // 20 pages of 490 rows (500 ms each) on one slot: 10 s of work, booked one after another.
      const refused = await Promise.all(
        Array.from({ length: 20 }, () => refusal(g.run('pull', async () => 0, 0, 490))),
      );
      const seconds = refused.map((r) => Number(r.headers['retry-after']));
      expect(seconds[0]).toBe(1);
      expect(seconds.at(-1)).toBe(10);
      expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
      block.resolve();
      await first;
    });

    it('learns the time per row from large pages and the fixed time from short pulls', async () => {
      const { gate: g, clock } = gate({
        initialEstimateMs: { push: 100, pull: 100 },
        initialPerRowMs: { pull: 0.1 },
      });
      // Short pulls of 10 rows take 30 ms, pages of 500 rows 1,010 ms: 10 ms fixed, 2 ms a row.
      for (let i = 0; i < 30; i++) {
        await g.run('pull', async () => void (clock.now += 30), 0, 10);
        await g.run('pull', async () => void (clock.now += 1_010), 0, 500);
      }
      expect(g.meanOf('pull')).toBeGreaterThan(5);
      expect(g.meanOf('pull')).toBeLessThan(20);
      expect(g.estimateOf('pull', 500)).toBeGreaterThan(900);
      expect(g.estimateOf('pull', 500)).toBeLessThan(1_100);
      // Other kinds keep their own.
      expect(g.estimateOf('push')).toBe(100);
      const fresh = gate({ initialEstimateMs: { push: 100, pull: 100 } }).gate;
      expect(g.estimateOf('fullPull', 500)).toBe(fresh.estimateOf('fullPull', 500));
    });
  });

  it('refuses newcomers while the oldest waiter has waited too long (wrong estimates)', async () => {
    const { gate: g, clock } = gate({ maxSojournMs: 1_000 });
    const block = later();
    const first = g.run('push', () => block.promise);
    const waiting = g.run('push', async () => 'kept');
    clock.now += 1_500;
    // The estimates say 100 ms; the queue shows 1.5 s.
    expect(g.predictedWaitMs()).toBe(100);
    await refusal(g.run('push', async () => 0));
    block.resolve();
    await first;
    expect(await waiting).toBe('kept');
  });

  it('counts the wait before the gate (a busy event loop) against the budget, never a free slot', async () => {
    const { gate: g } = gate({ waitBudgetMs: 1_000 });
    // A free slot admits even a request that arrives 5 s late: the server keeps making progress.
    const block = later();
    const first = g.run('push', () => block.promise, 5_000);
    // Queue wait 100 ms: admitted when it arrives on time, refused when 950 ms late already.
    const onTime = g.run('push', async () => 'on time', 0);
    await refusal(g.run('push', async () => 'late', 950));
    block.resolve();
    await first;
    expect(await onTime).toBe('on time');
  });

  it('never queues more than maxWaiting', async () => {
    const { gate: g } = gate({ maxWaiting: 2 });
    const block = later();
    const first = g.run('push', () => block.promise);
    const queued = [g.run('push', async () => 1), g.run('push', async () => 2)];
    await refusal(g.run('push', async () => 3));
    block.resolve();
    await first;
    expect(await Promise.all(queued)).toEqual([1, 2]);
  });
});
