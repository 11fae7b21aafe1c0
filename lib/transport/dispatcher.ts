// The shared keep-alive undici agent that honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY.
// Created on first use (never at import), so the environment of that moment counts.
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

let shared: Dispatcher | undefined;

/** The process-wide default dispatcher. */
export function defaultDispatcher(): Dispatcher {
  shared ??= new EnvHttpProxyAgent({ keepAliveTimeout: 10_000 });
  return shared;
}

/** Close and forget the default dispatcher (tests, and processes that want to exit promptly). */
export async function resetDefaultDispatcher(): Promise<void> {
  const old = shared;
  shared = undefined;
  await old?.close();
}
