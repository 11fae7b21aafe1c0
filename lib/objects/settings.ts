// What a transfer borrows from the service client it was given: the retry policy, the
// dispatcher and the per-attempt timeout, with the caller's per-call overrides on top.
import { definedOnly } from '../utils/defined.js';
import type { Dispatcher } from 'undici';
import { clientOptions } from '../client/create-client.js';
import { DEFAULTS } from '../options.js';
import type { RetryPolicy } from '../transport/retry.js';
import type { ProgressListener } from './progress.js';

export interface TransferSettings {
  policy: RetryPolicy;
  /** The client's dispatcher; undefined: the global one (README, "Network"). */
  dispatcher: Dispatcher | undefined;
  /** The attempt deadline: the response headers, then every wait for the next chunk. */
  timeout: number;
  /** Aborts the transfer at once (code Aborted). */
  signal: AbortSignal | undefined;
  /** Write a debug line per data request (the client's DEBUG_TASKCLUSTER_CLIENT setting). */
  debug: boolean;
  /** The caller's progress listener, if any. */
  onProgress: ProgressListener | undefined;
}

/** Per-call retry overrides, named as in the official client. */
export interface RetryOverrides {
  maxRetries?: number;
  delayFactor?: number;
  randomizationFactor?: number;
  maxDelay?: number;
  /** Aborts the transfer, attempts and retry waits alike (code Aborted). */
  signal?: AbortSignal;
  /** The attempt deadline in ms, instead of the client's `timeout`. */
  timeout?: number;
  /** Called as the data's bytes move: `(bytes, total?, attempt)`; a retry starts again at 0. */
  onProgress?: ProgressListener;
}

type Borrowed = Partial<RetryPolicy> & {
  dispatcher?: Dispatcher;
  timeout?: number;
  debug?: boolean;
  signal?: AbortSignal;
};

function borrowed(client: unknown): Borrowed {
  // A client that is not one of ours (the official one, a hand-made fake) lends nothing.
  try {
    return clientOptions(client) as Borrowed;
  } catch {
    return {};
  }
}

/** The settings for transfers made on behalf of `client`. */
export function transferSettings(client: unknown, overrides: RetryOverrides): TransferSettings {
  const from = borrowed(client);
  return {
    policy: {
      maxRetries: overrides.maxRetries ?? from.maxRetries ?? DEFAULTS.maxRetries,
      delayFactor: overrides.delayFactor ?? from.delayFactor ?? DEFAULTS.delayFactor,
      randomizationFactor:
        overrides.randomizationFactor ?? from.randomizationFactor ?? DEFAULTS.randomizationFactor,
      maxDelay: overrides.maxDelay ?? from.maxDelay ?? DEFAULTS.maxDelay,
      ...definedOnly({ random: from.random }),
    },
    dispatcher: from.dispatcher,
    timeout: overrides.timeout ?? from.timeout ?? DEFAULTS.timeout,
    signal: overrides.signal ?? from.signal,
    debug: from.debug ?? false,
    onProgress: overrides.onProgress,
  };
}
