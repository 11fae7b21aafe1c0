// Compiles a reference document, once, into a frozen Map of method descriptors that every
// Proxy trap, URL builder and argument parser reads.
import type { ExchangeEntry, FunctionEntry, Reference } from '../references/types.js';
import { isExchangesReference } from '../references/types.js';
import { referenceClientName } from '../references/names.js';
import { exchangePrefixOf } from '../exchanges/routing-key.js';

export interface FunctionDescriptor {
  readonly kind: 'function';
  readonly entry: FunctionEntry;
  readonly name: string;
  /** `queue.createTask(taskId, payload)`: what error messages quote. */
  readonly signature: string;
  readonly label: string;
  /** The reference's serviceName (the host of `k8s-dns` service discovery). */
  readonly serviceName: string;
  /** `/api/<serviceName>/<apiVersion>`, from the reference the entry belongs to. */
  readonly servicePath: string;
  readonly httpMethod: string;
  /** The route split at its parameters: literal, param name, literal, ... */
  readonly routeParts: readonly string[];
  readonly params: readonly string[];
  readonly hasInput: boolean;
  readonly query: ReadonlySet<string>;
  readonly paginated: boolean;
}

export interface ExchangeDescriptor {
  readonly kind: 'exchange';
  readonly entry: ExchangeEntry;
  readonly name: string;
  readonly signature: string;
  readonly label: string;
}

export type Descriptor = FunctionDescriptor | ExchangeDescriptor;

export interface CompiledReference {
  readonly reference: Reference;
  readonly clientName: string;
  readonly serviceName: string;
  readonly apiVersion: string;
  readonly exchangePrefix: string | undefined;
  readonly methods: ReadonlyMap<string, Descriptor>;
  readonly names: readonly string[];
}

const compiled = new WeakMap<Reference, CompiledReference>();

function describeFunction(
  client: string,
  [serviceName, servicePath]: readonly [string, string],
  entry: FunctionEntry,
): FunctionDescriptor {
  const query = entry.query ?? [];
  const shown = [
    ...entry.args,
    ...(entry.input ? ['payload'] : []),
    ...(query.length ? ['[query]'] : []),
  ];
  const label = `${client}.${entry.name}`;
  return Object.freeze({
    kind: 'function',
    entry,
    name: entry.name,
    signature: `${label}(${shown.join(', ')})`,
    label,
    serviceName,
    servicePath,
    httpMethod: entry.method.toUpperCase(),
    routeParts: Object.freeze(entry.route.split(/<([^<>]+)>/)),
    params: Object.freeze([...entry.args]),
    hasInput: Boolean(entry.input),
    query: new Set(query),
    paginated: query.includes('continuationToken'),
  });
}

function describeExchange(client: string, entry: ExchangeEntry): ExchangeDescriptor {
  const label = `${client}.${entry.name}`;
  const keys = entry.routingKey.filter((k) => !k.constant).map((k) => k.name);
  return Object.freeze({
    kind: 'exchange',
    entry,
    name: entry.name,
    signature: `${label}({${keys.join(', ')}})`,
    label,
  });
}

/** The compiled form of a reference (cached per document object). */
export function compileReference(reference: Reference): CompiledReference {
  const cached = compiled.get(reference);
  if (cached) return cached;
  const clientName = referenceClientName(reference);
  const methods = new Map<string, Descriptor>();
  const servicePath = `/api/${reference.serviceName}/${reference.apiVersion ?? 'v1'}`;
  // One document may hold both kinds (the official client builds a method for each entry of either).
  for (const entry of reference.entries as ReadonlyArray<FunctionEntry | ExchangeEntry>) {
    if (entry.type === 'topic-exchange')
      methods.set(entry.name, describeExchange(clientName, entry));
    // Entries of any other type (from a newer deployment) are left out.
    else if ((entry as { type: unknown }).type === 'function')
      methods.set(
        entry.name,
        describeFunction(clientName, [reference.serviceName, servicePath], entry),
      );
  }
  const result: CompiledReference = Object.freeze({
    reference,
    clientName,
    serviceName: reference.serviceName,
    apiVersion: reference.apiVersion ?? 'v1',
    exchangePrefix: isExchangesReference(reference)
      ? exchangePrefixOf(reference.exchangePrefix)
      : undefined,
    methods,
    names: Object.freeze([...methods.keys()]),
  });
  compiled.set(reference, result);
  return result;
}
