import { expect } from 'vitest';
import { HttpProblem } from '../../../src/server/http/problem';
import { WorkGate, type WorkGateOptions } from '../../../src/server/http/work-gate';

// The work gate's tests (work-gate*.test.ts): a gate on a clock the test moves, and helpers.

export const later = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
export const turn = () => new Promise((r) => setTimeout(r, 5));

/** A gate on a clock the test moves; jitter off unless asked. */
export function gate(options: Partial<WorkGateOptions> = {}) {
  const clock = { now: 0 };
  const instance = new WorkGate({
    maxActive: 1,
    maxWaiting: 100,
    waitBudgetMs: 10_000,
    maxSojournMs: 60_000,
    initialEstimateMs: { push: 100, pull: 100, fullPull: 400 },
    now: () => clock.now,
    random: () => 0,
    ...options,
  });
  return { gate: instance, clock };
}

export async function refusal(promise: Promise<unknown>): Promise<HttpProblem> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpProblem);
  return error as HttpProblem;
}
