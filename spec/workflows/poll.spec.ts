import { describe, expect, it } from '@jest/globals';
import { pollDelay } from '../../lib/workflows/poll.js';

describe('pollDelay', () => {
  it.each([
    [0, 100, 1000, 100],
    [1, 100, 1000, 150],
    [2, 100, 1000, 225],
    [20, 100, 1000, 1000],
    [3, 500, 100, 500],
  ])('waits before poll %i (interval %i, cap %i) %i ms', (round, interval, cap, expected) => {
    expect(pollDelay(round, interval, cap)).toBe(expected);
  });
});
