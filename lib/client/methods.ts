// Finding a client's reference and its method functions: synchronously where the reference is
// at hand, deferred to the deployment where the source allows it (auto, remote).
import { inspect } from 'node:util';
import type { ClientContext } from './context.js';
import {
  compileReference,
  type CompiledReference,
  type ExchangeDescriptor,
} from './descriptors.js';
import { apiMethod, type ApiMethod } from './api-method.js';
import { didYouMean } from './suggest.js';
import { deploymentReferences, localNames, syncReference } from '../references/resolve.js';
import type { Reference } from '../references/types.js';
import { routingKeyPattern, type ExchangeBinding } from '../exchanges/routing-key.js';
import { failure } from '../errors.js';

export interface ClientState extends ClientContext {
  /** The reference at hand without network: undefined until looked up, null when absent. */
  primary?: CompiledReference | null;
  definitive?: boolean;
  /** The deployment's reference, once fetched. */
  remote?: CompiledReference;
  /** The bundled and the deployment's names together, once both are loaded (every trap reads it). */
  allNames?: readonly string[];
  remoteLoading?: Promise<CompiledReference>;
  methods?: Map<string, unknown>;
}

export type ExchangeMethod = ((pattern?: Record<string, unknown> | string) => ExchangeBinding) & {
  entry: ExchangeDescriptor['entry'];
};

const isEventsName = (name: string) => name.endsWith('-events');

/** The reference available without network, looked up once. */
export function primaryOf(state: ClientState): CompiledReference | undefined {
  if (state.primary === undefined) {
    const { reference, definitive } = syncReference(state.name, state.options.references);
    state.primary = reference ? compileReference(reference) : null;
    state.definitive = definitive;
  }
  return state.primary ?? undefined;
}

/** The reference the client's methods come from right now, if any is loaded. */
export function loadedOf(state: ClientState): CompiledReference | undefined {
  return primaryOf(state) ?? state.remote;
}

function unknownService(name: string, known: string[]) {
  return failure(`unknown Taskcluster service ${name}.${didYouMean(name, known)}`, {
    code: 'UnknownService',
  });
}

/** Fetch the deployment's reference for this client (once; a failure may be retried later). */
export function remoteOf(state: ClientState): Promise<CompiledReference> {
  state.remoteLoading ??= deploymentReferences(state.options, state.name).then((refs) => {
    const reference = refs.get(state.name);
    if (!reference) throw unknownService(state.name, [...refs.keys()]);
    state.remote = compileReference(reference);
    return state.remote;
  });
  state.remoteLoading.catch(() => {
    state.remoteLoading = undefined;
  });
  return state.remoteLoading;
}

/** Resolve with the client's reference document, fetching it when needed. */
export async function readyReference(state: ClientState): Promise<Reference> {
  const primary = primaryOf(state);
  if (primary && (state.definitive || !state.options.rootUrl)) return primary.reference;
  if (!primary && state.definitive)
    throw unknownService(state.name, localNames(state.options.references));
  if (!primary) return (await remoteOf(state)).reference;
  // auto: the deployment may have what the bundle lacks (an exchange, say); unreachable, the bundle still serves.
  const remote = await remoteOf(state).catch(() => undefined);
  return (remote ?? primary).reference;
}

function unknownMethod(
  state: ClientState,
  key: string,
  refs: Array<CompiledReference | undefined>,
) {
  const known = refs.flatMap((r) => (r ? r.names : []));
  return failure(`unknown method ${state.name}.${key}.${didYouMean(key, known)}`, {
    code: 'UnknownMethod',
  });
}

function exchangeMethod(ref: CompiledReference, d: ExchangeDescriptor): ExchangeMethod {
  const fn = {
    [d.name]: (pattern?: unknown) =>
      routingKeyPattern(ref.exchangePrefix ?? '', d.entry, pattern, d.label),
  }[d.name];
  Object.defineProperty(fn, 'entry', { value: d.entry, enumerable: true });
  Object.defineProperty(fn, inspect.custom, {
    value: () =>
      `[Function: ${d.name}] ${d.signature}${d.entry.title ? ` — ${d.entry.title}` : ''}`,
  });
  return fn as ExchangeMethod;
}

function build(state: ClientState, ref: CompiledReference, key: string): unknown {
  const d = ref.methods.get(key)!;
  return d.kind === 'function' ? apiMethod(state, d) : exchangeMethod(ref, d);
}

/** A method that looks in the deployment's reference on first call. */
function deferredMethod(state: ClientState, key: string): unknown {
  if (isEventsName(state.name)) {
    return () => {
      throw failure(
        `${state.name}.${key}: the reference is not loaded yet; await client.ready() first`,
      );
    };
  }
  const resolve = async () => {
    const remote = await remoteOf(state).catch((cause) => {
      if (primaryOf(state)) throw unknownMethod(state, key, [primaryOf(state)]);
      throw cause;
    });
    if (!remote.methods.has(key)) throw unknownMethod(state, key, [primaryOf(state), remote]);
    return build(state, remote, key) as ApiMethod;
  };
  const fn = async (...args: unknown[]) => (await resolve())(...args);
  fn.pages = async function* pages(...args: unknown[]) {
    const method = await resolve();
    if (!method.pages) throw failure(`${state.name}.${key} does not paginate`);
    yield* method.pages(...args);
  };
  return fn;
}

/** The function for `key`: a real method, a deferred one, or one that fails naming the nearest names. */
export function methodFor(state: ClientState, key: string): unknown {
  const cached = state.methods?.get(key);
  if (cached) return cached;
  const primary = primaryOf(state);
  const ref = primary?.methods.has(key)
    ? primary
    : state.remote?.methods.has(key)
      ? state.remote
      : undefined;
  if (ref) {
    const fn = build(state, ref, key);
    (state.methods ??= new Map()).set(key, fn);
    return fn;
  }
  const final = state.definitive || state.remote !== undefined;
  if (!final) return deferredMethod(state, key);
  const error = () =>
    primary || state.remote
      ? unknownMethod(state, key, [primary, state.remote])
      : unknownService(state.name, localNames(state.options.references));
  return isEventsName(state.name)
    ? () => {
        throw error();
      }
    : () => Promise.reject(error());
}

/** Names of the methods currently known (for Object.keys, `in` and tab completion). */
export function methodNames(state: ClientState): readonly string[] {
  const primary = primaryOf(state);
  if (!state.remote) return primary?.names ?? [];
  if (!primary) return state.remote.names;
  state.allNames ??= Object.freeze([...new Set([...primary.names, ...state.remote.names])]);
  return state.allNames;
}
