// What a transfer borrows from the service client it was given: the retry policy, the
// dispatcher and the per-attempt timeout, with the caller's per-call overrides on top.
import type { Dispatcher } from 'undici';
import { clientOptions } from '../client/create-client.js';
import { DEFAULTS } from '../options.js';
import type { RetryPolicy } from '../transport/retry.js';
import { defaultDispatcher } from '../transport/dispatcher.js';

export interface TransferSettings {
  policy: RetryPolicy;
  dispatcher: Dispatcher;
  /** Idle limit in ms while waiting for headers or between body chunks (not a total). */
  timeout: number;
  /** Write a debug line per data request (the client's DEBUG_TASKCLUSTER_CLIENT setting). */
  debug: boolean;
}

/** Per-call retry overrides, named as in the official client. */
export interface RetryOverrides {
  maxRetries?: number;
  delayFactor?: number;
  randomizationFactor?: number;
  maxDelay?: number;
}

type Borrowed = Partial<RetryPolicy> & {
  dispatcher?: Dispatcher;
  timeout?: number;
  debug?: boolean;
};

function borrowed(client: unknown): Borrowed {
  // A client that is not one of ours (the official one, a hand-made fake) lends nothing.
  try {
    return (clientOptions(client as never) ?? {}) as Borrowed;
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
      random: from.random,
    },
    dispatcher: from.dispatcher ?? defaultDispatcher(),
    timeout: from.timeout ?? DEFAULTS.timeout,
    debug: from.debug ?? false,
  };
}
