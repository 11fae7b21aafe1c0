// The reliability suite: a bounded load through the fault-injecting sandbox (Hawk verified on
// every attempt that reaches a service). `npm run bench:faults` runs 10 000 calls of the same.
// @slow: 3,000 calls under faults, about 10 s of CPU.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { runFaultLoad, SCENARIOS, scenariosFor } from '../../lib/testing/fault-load.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('scenariosFor', () => {
  it('draws every scenario, the same ones for the same seed', () => {
    const plan = { calls: 2000, concurrency: 1, seed: 7 };
    const drawn = scenariosFor(plan);
    expect(new Set(drawn.map((s) => s.name))).toEqual(new Set(SCENARIOS.map((s) => s.name)));
    expect(scenariosFor(plan)).toEqual(drawn);
  });
});

describe('runFaultLoad', () => {
  it('meets the retry policy on every call of 3000 under faults, leaving nothing open and nothing shown', async () => {
    const report = await runFaultLoad(sandbox, {
      calls: 3000,
      concurrency: 16,
      seed: 1,
      attemptTimeout: 1_500,
    });
    expect(report.unexpected).toEqual([]);
    expect(report.attemptsSeen).toBe(report.attemptsExpected);
    expect(report.failures).toBeGreaterThan(30);
    expect(report.leaks).toEqual([]);
    expect(report.debugLines).toBeGreaterThan(report.attemptsSeen / 2);
    expect([report.openSockets, report.openTimers]).toEqual([0, 0]);
  }, 120_000);
});
