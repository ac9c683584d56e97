import { describe, expect, it } from 'vitest';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad } from '../../bench/first-load-size';
import { E2E_APP_DIR } from './support/repo-paths';

// The one budget that is asserted: bytes are stable from run to run, timings are not.
describe('first-load budget', () => {
  it('the JS + CSS needed for the first screen is at most 105 kB gzip', () => {
    const report = measureFirstLoad(E2E_APP_DIR);
    const detail = report.critical
      .map((f) => `${f.file}: ${(f.gzip / 1000).toFixed(1)} kB`)
      .join('\n  ');
    expect(
      report.criticalGzip,
      `first load is ${(report.criticalGzip / 1000).toFixed(1)} kB gzip:\n  ${detail}`,
    ).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });
});
