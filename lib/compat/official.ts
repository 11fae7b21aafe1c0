// The official client's module-level surface that has no native counterpart here: config()
// defaults for clients made through the default export, `agents`, and `clients`.
import type { ClientOptions } from '../options.js';
import { resetDefaultDispatcher } from '../transport/dispatcher.js';

let configured: ClientOptions = {};

/** The official client's config(): defaults for every client made through the default export from now on. */
export function config(options: ClientOptions = {}): void {
  // Shallow, like the official client's _.defaults: a later config() keeps earlier keys it does not name.
  configured = { ...configured, ...options };
}

/** Options for a client made through the default export: the given ones over config()'s. */
export function withConfigured(options: ClientOptions | undefined): ClientOptions {
  return Object.keys(configured).length ? { ...configured, ...options } : (options ?? {});
}

/** What `agents.http` / `agents.https` offer: their one use upstream is destroy() so a process can exit. */
export interface AgentLike {
  destroy(): void;
}

const sharedAgent: AgentLike = Object.freeze({
  destroy() {
    void resetDefaultDispatcher();
  },
});

/**
 * The official client's `agents`: there, node:http agents; here both stand for the one undici
 * dispatcher (closing it is all they do).
 */
export const agents: Readonly<{ http: AgentLike; https: AgentLike }> = Object.freeze({
  http: sharedAgent,
  https: sharedAgent,
});
