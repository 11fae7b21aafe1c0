// The shared keep-alive undici agent that honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY.
// Created on first use (never at import), so the environment of that moment counts.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

let shared: Dispatcher | undefined;

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];

/** The process-wide default dispatcher. */
export function defaultDispatcher(
  env: Record<string, string | undefined> = process.env,
): Dispatcher {
  // EnvHttpProxyAgent re-reads the environment on every request; without a proxy a plain Agent does the same job for less.
  shared ??= PROXY_VARIABLES.some((name) => env[name])
    ? new EnvHttpProxyAgent({
        keepAliveTimeout: 10_000,
        httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
        httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
        noProxy: env['NO_PROXY'] ?? env['no_proxy'],
      })
    : new Agent({ keepAliveTimeout: 10_000 });
  return shared;
}

/** Close and forget the default dispatcher (tests, and processes that want to exit promptly). */
export async function resetDefaultDispatcher(): Promise<void> {
  const old = shared;
  shared = undefined;
  await old?.close();
}
