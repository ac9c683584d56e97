import { describe, expect, it } from 'vitest';
import { gate, later, refusal, turn } from './support/work-gate-helpers';

// What the gate lets in first: pushes before first-sync pages, a begun catch-up's next page
// before newcomers (work-gate.test.ts has the queue, the budget and the estimates).
describe('work gate: lanes', () => {
  describe('pushes preferred over first-sync pages', () => {
    it('keeps slots first-sync pages may not take: a push runs at once beside them', async () => {
      const { gate: g } = gate({ maxActive: 3, maxBulkActive: 2 });
      const pages = Array.from({ length: 4 }, later);
      const started: string[] = [];
      const pageRuns = pages.map((b, i) =>
        g.run('fullPull', async () => {
          started.push(`page ${i}`);
          await b.promise;
        }),
      );
      await turn();
      // Two pages hold their share; the third slot stays free for urgent work.
      expect(started).toEqual(['page 0', 'page 1']);
      expect(g.load).toMatchObject({ active: 2, activeBulk: 2, waiting: 2 });
      expect(g.predictedWaitMs('push')).toBe(0);
      expect(await g.run('push', async () => 'pushed')).toBe('pushed');
      expect(await g.run('pull', async () => 'pulled')).toBe('pulled');
      expect(g.load).toMatchObject({ refused: 0 });
      for (const b of pages) b.resolve();
      await Promise.all(pageRuns);
      expect(started).toEqual(['page 0', 'page 1', 'page 2', 'page 3']);
    });

    it('serves a queued push before first-sync pages queued earlier', async () => {
      const { gate: g } = gate({ waitBudgetMs: 1_000 });
      const block = later();
      const order: string[] = [];
      const first = g.run('push', () => block.promise);
      const pages = [g.run('fullPull', async () => order.push('page 1'))];
      pages.push(g.run('fullPull', async () => order.push('page 2')));
      // Queued pages ahead (2 × 400 ms) do not count against the push: it waits only 100 ms.
      expect(g.predictedWaitMs('push')).toBe(0);
      expect(g.predictedWaitMs('fullPull')).toBe(800);
      const push = g.run('push', async () => order.push('push'));
      // A third page would wait 100 + 800 + 400 ms: refused.
      await refusal(g.run('fullPull', async () => order.push('never')));
      block.resolve();
      await Promise.all([first, push, ...pages]);
      expect(order).toEqual(['push', 'page 1', 'page 2']);
    });

    it('never starves first-sync pages: a slot a page frees goes to the next page', async () => {
      const { gate: g } = gate({ maxActive: 2, maxBulkActive: 1, waitBudgetMs: 10_000 });
      const pageA = later();
      const pageB = later();
      const pushP = later();
      const order: string[] = [];
      const a = g.run('fullPull', () => pageA.promise);
      const p = g.run('push', () => pushP.promise);
      const b = g.run('fullPull', async () => {
        order.push('page B');
        await pageB.promise;
      });
      const q = g.run('push', async () => order.push('push Q'));
      await turn();
      expect(g.load).toMatchObject({ active: 2, activeBulk: 1, waiting: 2 });
      pageA.resolve();
      await a;
      await turn();
      // The page's slot went to the queued page, though a push was queued too.
      expect(order).toEqual(['page B']);
      pushP.resolve();
      await p;
      await turn();
      expect(order).toEqual(['page B', 'push Q']);
      pageB.resolve();
      await Promise.all([b, q]);
      expect(order).toEqual(['page B', 'push Q']);
      expect(g.load).toMatchObject({ active: 0, activeBulk: 0, waiting: 0 });
    });

    it('books a refused push on its own lane, not behind refused first-sync pages', async () => {
      const { gate: g } = gate({
        maxActive: 2,
        maxBulkActive: 1,
        waitBudgetMs: 0,
        initialEstimateMs: { push: 500, fullPull: 2_000 },
      });
      const page = later();
      const push = later();
      const running = [g.run('fullPull', () => page.promise), g.run('push', () => push.promise)];
      const pageDelays: number[] = [];
      for (let i = 0; i < 5; i++) {
        pageDelays.push(
          Number((await refusal(g.run('fullPull', async () => 0))).headers['retry-after']),
        );
      }
      // Pages: one slot, 2 s each → 2, 4, 6, 8, 10 s.
      expect(pageDelays).toEqual([2, 4, 6, 8, 10]);
      // A push refused after them is told 1 s (its lane: one slot, 500 ms each), not 11 s.
      const pushDelays: number[] = [];
      for (let i = 0; i < 3; i++) {
        pushDelays.push(
          Number((await refusal(g.run('push', async () => 0))).headers['retry-after']),
        );
      }
      expect(pushDelays).toEqual([1, 1, 2]);
      page.resolve();
      push.resolve();
      await Promise.all(running);
    });

    it('gives first-sync pages a slot first while they hold fewer than their minimum', async () => {
      const { gate: g } = gate({ maxActive: 2, minBulkActive: 1, waitBudgetMs: 10_000 });
      const pushes = [later(), later()];
      const pageDone = later();
      const order: string[] = [];
      const running = pushes.map((b) => g.run('push', () => b.promise));
      const push = g.run('push', async () => order.push('push'));
      const page = g.run('fullPull', async () => {
        order.push('page');
        await pageDone.promise;
      });
      // Pushes hold both slots; the page, queued after a push, gets the first freed slot.
      pushes[0]!.resolve();
      await running[0];
      await turn();
      expect(order).toEqual(['page']);
      expect(g.load).toMatchObject({ activeBulk: 1, waiting: 1 });
      pushes[1]!.resolve();
      pageDone.resolve();
      await Promise.all([...running, page, push]);
      expect(order).toEqual(['page', 'push']);
      expect(g.load).toMatchObject({ active: 0, activeBulk: 0, waiting: 0 });
    });

    it('queues pushes on a longer budget than first-sync pages', async () => {
      const { gate: g } = gate({ waitBudgetMs: 150, urgentWaitBudgetMs: 350 });
      const block = later();
      const first = g.run('push', () => block.promise);
      // Pushes at 100 ms each: waits 100, 200, 300 fit 350 ms; a page (400 ms) does not fit 150.
      const queued = [1, 2, 3].map((i) => g.run('push', async () => i));
      await refusal(g.run('push', async () => 4));
      await refusal(g.run('fullPull', async () => 0));
      block.resolve();
      await first;
      expect(await Promise.all(queued)).toEqual([1, 2, 3]);
    });
  });
  describe('a begun catch-up’s next page (owed)', () => {
    it('queues it whatever the predicted wait, when the gate admits owed requests', async () => {
      const { gate: g } = gate({ waitBudgetMs: 150, owedAdmitted: true });
      const block = later();
      const first = g.run('pull', () => block.promise);
      const queued = g.run('pull', async () => 'queued');
      // Over budget: a new pull is refused, the next page of a begun catch-up is not.
      await refusal(g.run('pull', async () => 'never'));
      const owed = g.run('pull', async () => 'owed', 0, 0, true);
      expect(g.load).toMatchObject({ active: 1, waiting: 2, refused: 1 });
      block.resolve();
      await first;
      // In arrival order: nothing waits behind a later arrival.
      expect(await Promise.all([queued, owed])).toEqual(['queued', 'owed']);
    });

    it('refuses it like any other when the gate does not admit owed requests', async () => {
      const { gate: g } = gate({ waitBudgetMs: 150 });
      const block = later();
      const first = g.run('pull', () => block.promise);
      const queued = g.run('pull', async () => 'queued');
      await refusal(g.run('pull', async () => 'never', 0, 0, true));
      block.resolve();
      await first;
      await queued;
    });

    it('books refused pulls at what pulls really cost, pages sent from kept bytes included', async () => {
      const booked = async (bookPullsAtRealCost: boolean) => {
        const { gate: g, clock } = gate({
          waitBudgetMs: 100,
          initialEstimateMs: { pull: 5_000 },
          bookPullsAtRealCost,
        });
        // Pulls estimated at 5 s that cost 0.5 s (sent from kept bytes: not learned as typical).
        for (let i = 0; i < 20; i++) {
          await g.run('pull', async (weigh) => {
            clock.now += 500;
            weigh(0, false);
          });
        }
        expect(g.meanOf('pull')).toBe(5_000);
        const block = later();
        const first = g.run('pull', () => block.promise);
        const refused = await refusal(g.run('pull', async () => 0));
        block.resolve();
        await first;
        return Number(refused.headers['retry-after']);
      };
      // At the estimate: 5 s. At the real cost (~0.1 of it): the next second.
      expect(await booked(false)).toBe(5);
      expect(await booked(true)).toBe(1);
    });

    it('does not learn from work its caller says is not typical (a page sent from kept bytes)', async () => {
      const { gate: g, clock } = gate({ initialEstimateMs: { pull: 100 } });
      await g.run('pull', async (weigh) => {
        clock.now += 1;
        weigh(10, false);
      });
      expect(g.meanOf('pull')).toBe(100);
      await g.run('pull', async (weigh) => {
        clock.now += 1;
        weigh(10);
      });
      expect(g.meanOf('pull')).toBeLessThan(100);
    });
  });
});
