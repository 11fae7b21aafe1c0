// The Proxy traps of a client. Every trap reads the same method table (methods.ts), so
// `get`, `has`, `ownKeys` and `getOwnPropertyDescriptor` agree; probe keys are undefined.
import { INSPECT, type Show } from '../utils/inspect.js';
import { methodFor, methodNames, loadedOf, type ClientState } from './methods.js';

/** Keys that tools probe on any object; a client must not answer them (a `then` would make it a thenable). */
const PROBES = new Set([
  'then',
  'catch',
  'finally',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'inspect',
  'prototype',
  'length',
  'name',
  'default',
]);

const RESERVED = new Set([
  'buildUrl',
  'buildSignedUrl',
  'externalBuildUrl',
  'externalBuildSignedUrl',
  'use',
  'ready',
  'describe',
  'fakeCalls',
  'taskclusterPerRequestInstance',
]);

const states = new WeakMap<object, ClientState>();

/** The state behind a client (undefined for anything else). */
export function stateOf(client: unknown): ClientState | undefined {
  return typeof client === 'object' && client !== null ? states.get(client) : undefined;
}

const isMethodName = (key: string) =>
  /^[a-z][A-Za-z0-9]*$/.test(key) &&
  !PROBES.has(key) &&
  !RESERVED.has(key) &&
  !(key in Object.prototype);

function describe(this: unknown, _depth?: number, _options?: object, show?: Show) {
  const state = stateOf(this);
  if (!state) return '[client]';
  const ref = loadedOf(state);
  const details: Record<string, unknown> = { rootUrl: state.options.rootUrl ?? '(none)' };
  details['clientId'] =
    state.options.credentials?.clientId ??
    (state.options.credentialSource ? '(credentials provider)' : '(anonymous)');
  details['methods'] = ref
    ? [...methodNames(state)]
    : '(reference not loaded: await client.ready())';
  const text = show
    ? show(details, { breakLength: 100, maxArrayLength: 200 })
    : JSON.stringify(details);
  return `${state.name} client ${text}`;
}

// One handler for every client: per-client trap closures cost ~500 bytes a client. The traps
// find the state through the target, which never leaves this module.
const targetStates = new WeakMap<object, ClientState>();
const stateOfTarget = (t: object): ClientState => {
  const state = targetStates.get(t);
  if (!state) throw new TypeError('not the target of a client proxy');
  return state;
};

/**
 * A reference entry whose name is not camelCase (`get-thing`, `Thing`): callable under its own
 * name, as in the official client, when the loaded reference has it. Probes and reserved names never are.
 */
function isOtherEntryName(t: object, key: string): boolean {
  return (
    !PROBES.has(key) &&
    !RESERVED.has(key) &&
    !(key in t) &&
    methodNames(stateOfTarget(t)).includes(key)
  );
}

const HANDLER: ProxyHandler<object> = {
  get(t, key, receiver) {
    if (typeof key === 'symbol') return Reflect.get(t, key, receiver) as unknown;
    if (isMethodName(key) || isOtherEntryName(t, key)) return methodFor(stateOfTarget(t), key);
    return PROBES.has(key) ? undefined : (Reflect.get(t, key, receiver) as unknown);
  },
  has(t, key) {
    if (typeof key !== 'string') return false;
    if (isMethodName(key)) return methodNames(stateOfTarget(t)).includes(key);
    return RESERVED.has(key) || isOtherEntryName(t, key);
  },
  ownKeys(t) {
    return [...methodNames(stateOfTarget(t))];
  },
  getOwnPropertyDescriptor(t, key) {
    const state = stateOfTarget(t);
    if (typeof key !== 'string' || !methodNames(state).includes(key)) return undefined;
    if (!isMethodName(key) && !isOtherEntryName(t, key)) return undefined;
    return { value: methodFor(state, key), writable: false, enumerable: true, configurable: true };
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/** Wrap a client state into its Proxy; `proto` holds the reserved functions. */
export function clientProxy(state: ClientState, proto: object): object {
  const target = Object.create(proto, {
    [INSPECT]: { value: describe, configurable: true },
  }) as object;
  targetStates.set(target, state);
  const proxy = new Proxy(target, HANDLER);
  states.set(proxy, state);
  return proxy;
}
