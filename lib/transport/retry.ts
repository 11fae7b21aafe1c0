// The one retry loop (API calls, reference fetches, object transfers) and its pure backoff
// formula, the official client's: min(2^n * delayFactor * U(1-r, 1+r), maxDelay).
import { isRetriable } from '../errors.js';

export interface RetryPolicy {
  maxRetries: number;
  delayFactor: number;
  randomizationFactor: number;
  maxDelay: number;
  random?: () => number;
}

/** Delay in ms before retry number `retry` (1, 2, ...); `random` returns a value in [0, 1). */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const r = policy.randomizationFactor;
  const jitter = 1 - r + random() * 2 * r;
  return Math.min(2 ** retry * policy.delayFactor * jitter, policy.maxDelay);
}

/** Seconds or an HTTP date from a Retry-After header, in ms, capped by maxDelay; undefined when absent or unreadable. */
export function retryAfterDelay(
  header: string | undefined,
  maxDelay: number,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxDelay);
}

export interface AttemptInfo {
  /** 1 for the first try. */
  attempt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run `attempt` until it succeeds, fails with a non-retriable error, or maxRetries retries are spent.
 * An error may carry `retryAfter` (ms) to replace the computed backoff.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (info: AttemptInfo) => Promise<T>,
  retriable: (error: unknown) => boolean = isRetriable,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt({ attempt: n });
    } catch (error) {
      if (n > policy.maxRetries || !retriable(error)) throw error;
      const hinted = (error as { retryAfter?: number }).retryAfter;
      await sleep(hinted ?? backoffDelay(n, policy, policy.random));
    }
  }
}
