// The polling loop the waiters share: backoff between pollInterval and a cap, one deadline,
// one AbortSignal; a request in flight is aborted and awaited before the waiter rejects.
import { aborted, failure, waitTimeout } from '../errors.js';
import { asText } from '../utils/as-text.js';

/** How long a waiter polls: the timeout, the abort signal and the polling interval. */
export interface PollOptions {
  /** Give up after this many ms with code `WaitTimeout` (default: wait as long as it takes). */
  timeout?: number;
  /** Stop with code `Aborted` when this signal aborts. */
  signal?: AbortSignal;
  /** The first wait between polls, in ms (default 5000); waits grow by half up to maxInterval. */
  pollInterval?: number;
  /** The longest wait between polls, in ms (default 60 000, never below pollInterval). */
  maxInterval?: number;
}

export const POLL_DEFAULTS = Object.freeze({ pollInterval: 5000, maxInterval: 60_000 });
const GROWTH = 1.5;

/** The wait before poll number `round` (0-based): pure, for the specs. */
export function pollDelay(round: number, pollInterval: number, maxInterval: number): number {
  return Math.min(Math.max(pollInterval, maxInterval), pollInterval * GROWTH ** round);
}

function checkNumber(label: string, name: string, value: unknown, min: number): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= min)))
    throw failure(`${label}: ${name} must be a number >= ${String(min)}, got ${asText(value)}`);
}

/** Option checks shared by the waiters: wrong values fail before any request is sent. */
export function checkPollOptions(label: string, options: PollOptions): void {
  checkNumber(label, 'timeout', options.timeout, 0);
  checkNumber(label, 'pollInterval', options.pollInterval, 0);
  checkNumber(label, 'maxInterval', options.maxInterval, 0);
  const { signal } = options;
  if (signal !== undefined && typeof (signal as Partial<AbortSignal> | null)?.aborted !== 'boolean')
    throw failure(`${label}: signal must be an AbortSignal`);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Call `check` until it answers something other than undefined. `check` gets a signal that
 * aborts on the caller's abort or at the deadline; whatever it started is awaited before the
 * waiter rejects, so no request outlives the wait.
 */
export async function poll<T>(
  label: string,
  options: PollOptions,
  check: (signal: AbortSignal) => Promise<T | undefined>,
): Promise<T> {
  const { pollInterval = POLL_DEFAULTS.pollInterval } = options;
  const maxInterval = options.maxInterval ?? Math.max(pollInterval, POLL_DEFAULTS.maxInterval);
  const stop = new AbortController();
  let timedOut = false;
  // A function, so the check after an await is not narrowed by the one before it.
  const stopped = () => stop.signal.aborted;
  const onAbort = () => {
    stop.abort(options.signal?.reason);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    options.timeout === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stop.abort();
        }, options.timeout);
  const ended = () =>
    timedOut
      ? waitTimeout(`${label}: still waiting after ${String(options.timeout)} ms`)
      : aborted(`${label}: aborted`, options.signal?.reason);
  try {
    for (let round = 0; ; round++) {
      if (stopped()) throw ended();
      let answer: T | undefined;
      try {
        answer = await check(stop.signal);
      } catch (err) {
        // A request cut short by our own signal is the wait ending, not a failure of the task.
        if (stopped()) throw ended();
        throw err;
      }
      if (answer !== undefined) return answer;
      await sleep(pollDelay(round, pollInterval, maxInterval), stop.signal);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
