// The one retry loop (API calls, reference fetches, object transfers) and its pure backoff
// formula, the official client's: min(2^n * delayFactor * U(1-r, 1+r), maxDelay). Whether a
// failure is retried, and after how long, is the classifier's verdict (./classify.ts).
import { aborted, verdictOf, type Verdict } from './classify.js';

export { retryAfterDelay } from './classify.js';

export interface RetryPolicy {
  maxRetries: number;
  delayFactor: number;
  randomizationFactor: number;
  maxDelay: number;
  random?: (() => number) | undefined;
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

export interface AttemptInfo {
  /** 1 for the first try. */
  attempt: number;
}

/** Wait `ms`, or less when `signal` aborts (then reject with an Aborted failure). */
function sleep(ms: number, label: string, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise<void>((resolve) => setTimeout(resolve, ms));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(label, signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const isAborted = (error: unknown) => (error as { code?: unknown } | null)?.code === 'Aborted';

/** What the loop may be given besides the policy. */
export interface RetryControl {
  /** Stops the loop at once, in an attempt or between two, with code Aborted. */
  signal?: AbortSignal | undefined;
  /** What an Aborted failure names. */
  label?: string;
  /** Narrows the classifier's verdict (reference fetches that fail fast when unreachable). */
  retriable?: (error: unknown, verdict: Verdict) => boolean;
}

/**
 * Run `attempt` until it succeeds, fails with a failure whose verdict is final, or maxRetries
 * retries are spent. A verdict's `retryAfter` replaces the computed backoff.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (info: AttemptInfo) => Promise<T>,
  control: RetryControl = {},
): Promise<T> {
  const { signal, label = 'request' } = control;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw aborted(label, signal.reason);
    try {
      return await attempt({ attempt: n });
    } catch (error) {
      // An abort may surface as whatever broke (a destroyed stream): it is still an abort.
      if (signal?.aborted) throw isAborted(error) ? error : aborted(label, signal.reason);
      const verdict = verdictOf(error);
      const retriable = control.retriable?.(error, verdict) ?? verdict.retriable;
      if (n > policy.maxRetries || !retriable) throw error;
      await sleep(verdict.retryAfter ?? backoffDelay(n, policy, policy.random), label, signal);
    }
  }
}
