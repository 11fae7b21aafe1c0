import { describe, expect, it } from '@jest/globals';
import { runTcdyn } from '../helpers/run-tcdyn.js';

const FROM = '2024-05-01T12:00:00.000Z';

describe('fromNowCommand', () => {
  it.each([
    [['2 days 3 hours'], '2024-05-03T15:00:00.000Z'],
    [['2', 'days', '3h'], '2024-05-03T15:00:00.000Z'],
    [['-1 day'], '2024-04-30T12:00:00.000Z'],
    [['-1d2h'], '2024-04-30T10:00:00.000Z'],
    [['-', '1', 'year'], '2023-05-02T12:00:00.000Z'],
    [['+1 min'], '2024-05-01T12:01:00.000Z'],
  ])('prints %j from --from as an ISO date', async (words, expected) => {
    const { code, stdout } = await runTcdyn(['from-now', ...words, '--from', FROM]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${expected}\n`);
  });

  it('takes --from before the offset too', async () => {
    const { stdout } = await runTcdyn(['from-now', '--from', FROM, '-2h']);
    expect(stdout).toBe('2024-05-01T10:00:00.000Z\n');
  });

  it('counts from now without --from', async () => {
    const before = Date.now();
    const { stdout } = await runTcdyn(['from-now', '1 hour']);
    const printed = Date.parse(stdout.trim());
    expect(printed).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(printed).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it.each([
    [['soon'], '"soon" is not a time offset'],
    [['1 hour', '--from', 'yesterday'], '--from must be a date'],
    [[], 'expected <offset...>'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(['from-now', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
