// The Proxy traps of a client. Every trap reads the same method table (methods.ts), so
// `get`, `has`, `ownKeys` and `getOwnPropertyDescriptor` agree; probe keys are undefined.
import { inspect } from 'node:util';
import { methodFor, methodNames, loadedOf, type ClientState } from './methods.js';

/** Keys that tools probe on any object; a client must not answer them (a `then` would make it a thenable). */
const PROBES = new Set(['then', 'catch', 'finally', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', 'tagName',
  'inspect', 'prototype', 'length', 'name', 'default']);

const RESERVED = new Set(['buildUrl', 'buildSignedUrl', 'externalBuildUrl', 'externalBuildSignedUrl', 'use', 'ready', 'fakeCalls']);

const states = new WeakMap<object, ClientState>();

/** The state behind a client (undefined for anything else). */
export function stateOf(client: unknown): ClientState | undefined {
  return typeof client === 'object' && client !== null ? states.get(client) : undefined;
}

const isMethodName = (key: string) =>
  /^[a-z][A-Za-z0-9]*$/.test(key) && !PROBES.has(key) && !RESERVED.has(key) && !(key in Object.prototype);

function describe(this: unknown) {
  const state = stateOf(this);
  if (!state) return '[client]';
  const ref = loadedOf(state);
  const details: Record<string, unknown> = { rootUrl: state.options.rootUrl ?? '(none)' };
  details.clientId = state.options.credentials?.clientId ?? '(anonymous)';
  details.methods = ref ? [...methodNames(state)] : '(reference not loaded: await client.ready())';
  return `${state.name} client ${inspect(details, { breakLength: 100, maxArrayLength: 200 })}`;
}

/** Wrap a client state into its Proxy; `proto` holds the reserved functions. */
export function clientProxy(state: ClientState, proto: object): object {
  const target = Object.create(proto, { [inspect.custom]: { value: describe, configurable: true } });
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || !isMethodName(key)) {
        return PROBES.has(key as string) ? undefined : Reflect.get(t, key, receiver);
      }
      return methodFor(state, key);
    },
    has(t, key) {
      if (typeof key === 'string' && isMethodName(key)) return methodNames(state).includes(key);
      return typeof key === 'string' && RESERVED.has(key);
    },
    ownKeys() {
      return [...methodNames(state)];
    },
    getOwnPropertyDescriptor(t, key) {
      if (typeof key !== 'string' || !isMethodName(key) || !methodNames(state).includes(key)) return undefined;
      return { value: methodFor(state, key), writable: false, enumerable: true, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
  states.set(proxy, state);
  return proxy;
}
