// Which undici dispatcher a request goes through. With no `dispatcher` option it is undici's
// global dispatcher, so that a user's setGlobalDispatcher(mockAgent) sees every request; while
// that global is still undici's own default Agent, our tuned agent stands in for it (keep-alive
// for 60 s, a DNS cache at connect, HTTP(S)_PROXY and NO_PROXY honoured, and undici's HTTP parser
// compiled so that the process can exit as soon as it is done: parser-tiering.ts).
import { definedOnly } from '../utils/defined.js';
import { Agent, buildConnector, EnvHttpProxyAgent, interceptors, type Dispatcher } from 'undici';
import { cachedLookup } from './lookup.js';
import { baselineParserConnector } from './parser-tiering.js';

// Where undici (the package and Node's bundled copy alike) keeps the global dispatcher.
const GLOBAL = Symbol.for('undici.globalDispatcher.1');

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];

/** Idle connections are kept this long unless the server's Keep-Alive hint says less. */
export const KEEP_ALIVE_MS = 60_000;

let shared: Dispatcher | undefined;

function tunedAgent(env: Record<string, string | undefined>): Dispatcher {
  const keepAlive = { keepAliveTimeout: KEEP_ALIVE_MS, keepAliveTimeoutThreshold: 1000 };
  // A proxy resolves the names itself (and NO_PROXY matches names), so no DNS cache there.
  if (PROXY_VARIABLES.some((name) => env[name]))
    return new EnvHttpProxyAgent({
      ...keepAlive,
      ...definedOnly({
        httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
        httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
        noProxy: env['NO_PROXY'] ?? env['no_proxy'],
      }),
    });
  const connect = baselineParserConnector(buildConnector({ lookup: cachedLookup }));
  return new Agent({ ...keepAlive, connect });
}

/** Our tuned, process-wide agent, made on first use so that the environment of that moment counts. */
export function defaultDispatcher(
  env: Record<string, string | undefined> = process.env,
): Dispatcher {
  shared ??= tunedAgent(env);
  return shared;
}

/** Close and forget our tuned agent (tests, and processes that want to exit promptly). */
export async function resetDefaultDispatcher(): Promise<void> {
  const old = shared;
  shared = undefined;
  await old?.close();
}

const symbolValue = (target: object, description: string): unknown => {
  const key = Object.getOwnPropertySymbols(target).find((s) => s.description === description);
  return key === undefined ? undefined : (target as Record<symbol, unknown>)[key];
};

/**
 * Whether `d` is the Agent undici makes for itself when nobody set a global dispatcher: a plain
 * Agent with the default factory and no option set. A user's Agent with options (a CA, a
 * connect function), a MockAgent, a proxy agent or a composed dispatcher is never one.
 */
export function isUntouchedDefault(d: unknown): boolean {
  if (
    typeof d !== 'object' ||
    d === null ||
    (d as { constructor?: { name?: unknown } }).constructor?.name !== 'Agent'
  )
    return false;
  // compose() returns a Proxy of the Agent whose `dispatch` is the interceptors' chain.
  const own = (d as { dispatch?: unknown }).dispatch;
  if (own !== (Object.getPrototypeOf(d) as { dispatch?: unknown } | null)?.dispatch) return false;
  const options = symbolValue(d, 'options');
  const factory = symbolValue(d, 'factory') as { name?: string } | undefined;
  if (typeof options !== 'object' || options === null || factory?.name !== 'defaultFactory')
    return false;
  return Object.entries(options).every(
    ([key, value]) => value === undefined || (key === 'maxOrigins' && value === Infinity),
  );
}

// undici fills its global slot with `new Agent()` when it loads, and the import above has loaded
// it: the instance in the slot now is undici's own default, unless a user set one even earlier
// (then it is theirs, and only an option-less Agent could still pass for the default). The
// first copy of this module to load records it for every copy, so that a copy loaded after a
// user's setGlobalDispatcher(new Agent()) does not take that Agent for undici's.
const MEMO = Symbol.for('taskcluster-dynamic.undiciDefaultDispatcher');

function recordLoadedDefault(): unknown {
  const slots = globalThis as Record<symbol, unknown>;
  if (!(MEMO in slots)) {
    const present = slots[GLOBAL];
    const value = present !== undefined && isUntouchedDefault(present) ? present : null;
    Object.defineProperty(globalThis, MEMO, { value, enumerable: false });
  }
  return slots[MEMO];
}

const undiciDefault = recordLoadedDefault();

/**
 * Whether `d`, found in undici's global slot, is undici's own default: the untouched Agent that
 * was there when taskcluster-dynamic first loaded. Any dispatcher set since is the user's, a
 * plain `new Agent()` included.
 */
export function isUndiciDefault(d: unknown): boolean {
  return d === undefined || (d !== null && d === undiciDefault);
}

/** The dispatcher for a request: the given one, else the global one (ours while it is undici's default). */
export function dispatcherFor(given: Dispatcher | undefined): Dispatcher {
  if (given) return given;
  const global = (globalThis as Record<symbol, unknown>)[GLOBAL];
  return isUndiciDefault(global) ? defaultDispatcher() : (global as Dispatcher);
}

const redirecting = new WeakMap<Dispatcher, Dispatcher>();

/** `dispatcherFor(given)` with undici's redirect interceptor (data transfers only). */
export function transferDispatcher(given: Dispatcher | undefined): Dispatcher {
  const base = dispatcherFor(given);
  let composed = redirecting.get(base);
  if (!composed) {
    composed = base.compose(interceptors.redirect());
    redirecting.set(base, composed);
  }
  return composed;
}
