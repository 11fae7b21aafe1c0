// A client's method functions, from the state of its reference source (reference-source.ts):
// built synchronously where the reference is at hand, deferred where the deployment must be
// asked first (auto, remote).
import { INSPECT } from '../utils/inspect.js';
import type { ClientContext } from './context.js';
import type { CompiledReference, ExchangeDescriptor } from './descriptors.js';
import { apiMethod, type ApiMethod } from './api-method.js';
import { didYouMean } from './suggest.js';
import {
  askDeployment,
  currentReference,
  initialSource,
  localNames,
  needsDeployment,
  refreshed,
  serviceVerdict,
  verdict,
  type ReferenceSource,
  type Verdict,
} from './reference-source.js';
import type { Reference } from '../references/types.js';
import { routingKeyPattern, type ExchangeBinding } from '../exchanges/routing-key.js';
import { failure } from '../errors.js';

export interface ClientState extends ClientContext {
  /** Where the reference comes from, and what is known of it; made on first use. */
  source?: ReferenceSource;
  /** The deployment being asked, shared by the calls that wait for it. */
  asking?: Promise<ReferenceSource> | undefined;
  methods?: Map<string, unknown> | undefined;
}

export type ExchangeMethod = ((pattern?: Record<string, unknown> | string) => ExchangeBinding) & {
  entry: ExchangeDescriptor['entry'];
};

const isEventsName = (name: string) => name.endsWith('-events');

function learn(state: ClientState, next: ReferenceSource): ReferenceSource {
  // Methods built from the bundle give way to the deployment's once it is known.
  if (state.source !== undefined && next !== state.source) state.methods = undefined;
  state.source = next;
  return next;
}

/** The client's reference source, with what this process has learnt since. */
export function sourceOf(state: ClientState): ReferenceSource {
  return learn(state, refreshed(state.source ?? initialSource(state.name, state.options)));
}

/** The reference the client's methods come from right now, if any is loaded. */
export function loadedOf(state: ClientState): CompiledReference | undefined {
  return currentReference(sourceOf(state));
}

/** Ask the deployment for this client's reference (callers waiting at once share the request). */
function ask(state: ClientState, revalidate = false): Promise<ReferenceSource> {
  state.asking ??= askDeployment(sourceOf(state), state.name, revalidate)
    .then((next) => learn(state, next))
    .finally(() => {
      state.asking = undefined;
    });
  return state.asking;
}

/** The error for a name that the verdict does not serve. */
export function refusal(state: ClientState, key: string | undefined, v: Verdict) {
  const where = state.options.rootUrl ?? 'the deployment';
  if (v.kind === 'not-offered') {
    const [what, why] = key
      ? [`${state.name}.${key}`, 'its reference no longer lists it']
      : [state.name, 'its manifest does not list this service'];
    return failure(`${what} is not offered by this deployment (${where}): ${why}`, {
      code: 'NotOffered',
    });
  }
  if (v.kind === 'unknown-method' && key !== undefined)
    return failure(`unknown method ${state.name}.${key}.${didYouMean(key, [...v.known])}`, {
      code: 'UnknownMethod',
    });
  const known = v.kind === 'unknown-service' && v.known.length ? v.known : undefined;
  const names = known ?? localNames(state.options.references);
  return failure(
    `unknown Taskcluster service ${state.name}.${didYouMean(state.name, [...names])}`,
    {
      code: 'UnknownService',
    },
  );
}

/** Resolve with the client's reference document, asking the deployment when needed. */
export async function readyReference(state: ClientState): Promise<Reference> {
  let source = sourceOf(state);
  if (needsDeployment(source)) source = await ask(state);
  const current = currentReference(source);
  if (current) return current.reference;
  throw refusal(state, undefined, serviceVerdict(source));
}

function exchangeMethod(ref: CompiledReference, d: ExchangeDescriptor): ExchangeMethod {
  const fn = {
    [d.name]: (...args: unknown[]) => {
      // A second argument is a mistake (keyword-style values, a stray pattern): never ignored.
      if (args.length > 1)
        throw failure(`${d.label}: expected at most 1 argument, got ${String(args.length)}`, {
          code: 'InvalidArguments',
        });
      return routingKeyPattern(ref.exchangePrefix ?? '', d.entry, args[0], d.label);
    },
  }[d.name];
  Object.defineProperty(fn, 'entry', { value: d.entry, enumerable: true });
  Object.defineProperty(fn, INSPECT, {
    value: () =>
      `[Function: ${d.name}] ${d.signature}${d.entry.title ? ` — ${d.entry.title}` : ''}`,
  });
  return fn as ExchangeMethod;
}

function build(state: ClientState, ref: CompiledReference, key: string): unknown {
  const d = ref.methods.get(key);
  if (!d) throw failure(`${state.name}.${key}: not in the loaded reference`);
  return d.kind === 'function' ? apiMethod(state, d) : exchangeMethod(ref, d);
}

/** A method that asks the deployment on first call. */
function deferredMethod(state: ClientState, key: string, revalidate: boolean): unknown {
  if (isEventsName(state.name)) {
    return () => {
      throw failure(
        `${state.name}.${key}: the reference is not loaded yet; await client.ready() first`,
      );
    };
  }
  const resolve = async () => {
    const v = verdict(await ask(state, revalidate), key, true);
    if (v.kind !== 'found') throw refusal(state, key, v);
    return build(state, v.reference, key) as ApiMethod;
  };
  const fn = async (...args: unknown[]): Promise<unknown> => (await resolve())(...args);
  fn.pages = async function* pages(...args: unknown[]) {
    const method = await resolve();
    if (!method.pages) throw failure(`${state.name}.${key} does not paginate`);
    yield* method.pages(...args);
  };
  return fn;
}

/** The function for `key`: a real method, a deferred one, or one that fails naming the nearest names. */
export function methodFor(state: ClientState, key: string): unknown {
  const source = sourceOf(state);
  const cached = state.methods?.get(key);
  if (cached) return cached;
  let v = verdict(source, key);
  // An events client cannot wait: a name missing from its cached reference is refused now.
  if (v.kind === 'ask' && v.revalidate && isEventsName(state.name)) v = verdict(source, key, true);
  if (v.kind === 'found') {
    const fn = build(state, v.reference, key);
    (state.methods ??= new Map()).set(key, fn);
    return fn;
  }
  if (v.kind === 'ask') return deferredMethod(state, key, v.revalidate);
  const error = () => refusal(state, key, v);
  return isEventsName(state.name)
    ? () => {
        throw error();
      }
    : () => Promise.reject(error());
}

/** Names of the methods currently known (for Object.keys, `in` and tab completion). */
export function methodNames(state: ClientState): readonly string[] {
  return loadedOf(state)?.names ?? [];
}
