import { describe, it, expect } from '@jest/globals';
import { backoffDelay, retryAfterDelay, withRetry } from '../../lib/transport/retry.js';
import { restFailure, failure, connectionError } from '../../lib/errors.js';

const policy = { maxRetries: 5, delayFactor: 100, randomizationFactor: 0.25, maxDelay: 30_000 };

describe('backoffDelay', () => {
  it.each([
    [1, 0, 150],
    [1, 0.5, 200],
    [2, 0.999999, 400 * 1.25],
    [3, 0.5, 800],
    [20, 0.5, 30_000],
  ])('gives retry %i with random %d a delay of %d ms', (retry, random, expected) => {
    expect(backoffDelay(retry, policy, () => random)).toBeCloseTo(expected, 2);
  });
});

describe('retryAfterDelay', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['2', 2000],
    ['120', 30_000],
    ['soon', undefined],
    ['Wed, 21 Oct 2015 07:28:05 GMT', 5000],
  ])('reads Retry-After %p as %p ms', (header, expected) => {
    expect(retryAfterDelay(header, 30_000, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(
      expected,
    );
  });
});

describe('withRetry', () => {
  const fast = { ...policy, delayFactor: 1, maxRetries: 3 };

  it('retries a 500 and stops at the first success', async () => {
    const attempts: number[] = [];
    const result = await withRetry(fast, ({ attempt }) => {
      attempts.push(attempt);
      return attempt < 3
        ? Promise.reject(restFailure('boom', { statusCode: 500 }))
        : Promise.resolve('ok');
    });
    expect(result).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after maxRetries retries with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(fast, () => {
        calls++;
        return Promise.reject(
          connectionError('reset', Object.assign(new Error('x'), { code: 'ECONNRESET' })),
        );
      }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toBe(4);
  });

  it.each([400, 401, 404])('never retries a %i', async (statusCode) => {
    let calls = 0;
    await expect(
      withRetry(fast, () => {
        calls++;
        return Promise.reject(restFailure('nope', { statusCode }));
      }),
    ).rejects.toMatchObject({ statusCode });
    expect(calls).toBe(1);
  });

  it('never retries a usage failure', async () => {
    let calls = 0;
    await expect(
      withRetry(fast, () => {
        calls++;
        return Promise.reject(failure('bad'));
      }),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });
});
