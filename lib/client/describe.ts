// client.describe(name): what a method or exchange is, read from the reference entry that
// serves it right now (the deployment's once known), so a REPL or a tool can document it.
import type { ExchangeEntry, RoutingKeyEntry, ScopeExpression } from '../references/types.js';
import type { Descriptor, FunctionDescriptor } from './descriptors.js';
import { refusal, sourceOf, type ClientState } from './methods.js';
import { verdict } from './reference-source.js';
import { failure } from '../errors.js';

/** An API function as `client.describe(name)` tells it: signature, route, schemas and scopes. */
export interface FunctionDescription {
  readonly kind: 'function';
  readonly name: string;
  /** `queue.createTask(taskId, payload)`. */
  readonly signature: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly stability: string | undefined;
  /** The HTTP method: `GET`, `PUT`, ... */
  readonly method: string;
  /** The route as the reference writes it: `/task/<taskId>`. */
  readonly route: string;
  /** The route below the rootUrl: `/api/queue/v1/task/<taskId>`. */
  readonly path: string;
  readonly args: readonly string[];
  readonly query: readonly string[];
  /** Schema ids (`/schemas/queue/v1/create-task-request.json#`), undefined when there is none. */
  readonly input: string | undefined;
  readonly output: string | undefined;
  readonly scopes: ScopeExpression | undefined;
}

/** A Pulse exchange as `client.describe(name)` tells it: signature, exchange name and message schema. */
export interface ExchangeDescription {
  readonly kind: 'exchange';
  readonly name: string;
  readonly signature: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  /** The full exchange name: the reference's prefix and the entry's exchange. */
  readonly exchange: string;
  readonly routingKey: readonly RoutingKeyEntry[];
  readonly schema: string | undefined;
}

/** What `client.describe(name)` returns: an API function's or a Pulse exchange's description. */
export type MethodDescription = FunctionDescription | ExchangeDescription;

/** `/schemas/queue/v1/task.json#` for an entry's `v1/task.json#`; absolute ids as they are. */
function schemaId(serviceName: string, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^(\/|[a-z]+:)/.test(id) ? id : `/schemas/${serviceName}/${id}`;
}

/** The descriptor serving `name` now; undefined when the reference is not loaded or lacks it. */
export function namedDescriptor(state: ClientState, name: string): Descriptor | undefined {
  const v = verdict(sourceOf(state), name);
  if (v.kind === 'found') return v.reference.methods.get(name);
  if (v.kind === 'not-offered') throw refusal(state, name, v);
  return undefined;
}

function describeFunction(d: FunctionDescriptor, serviceName: string): FunctionDescription {
  const { entry } = d;
  return Object.freeze({
    kind: 'function',
    name: d.name,
    signature: d.signature,
    title: entry.title,
    description: entry.description,
    stability: entry.stability,
    method: d.httpMethod,
    route: entry.route,
    path: d.servicePath + entry.route,
    args: Object.freeze([...entry.args]),
    query: Object.freeze([...(entry.query ?? [])]),
    input: schemaId(serviceName, entry.input),
    output: schemaId(serviceName, entry.output),
    scopes: entry.scopes,
  });
}

function describeExchange(
  entry: ExchangeEntry,
  signature: string,
  prefix: string,
  serviceName: string,
) {
  return Object.freeze({
    kind: 'exchange',
    name: entry.name,
    signature,
    title: entry.title,
    description: entry.description,
    exchange: prefix + entry.exchange,
    routingKey: Object.freeze(entry.routingKey.map((k) => Object.freeze({ ...k }))),
    schema: schemaId(serviceName, entry.schema),
  } satisfies ExchangeDescription);
}

/** What `client.describe(method)` returns for a method name or a method function. */
export function describeMethod(state: ClientState, method: unknown): MethodDescription {
  const name =
    typeof method === 'string'
      ? method
      : (method as { entry?: { name?: unknown } } | null | undefined)?.entry?.name;
  if (typeof name !== 'string')
    throw failure(`${state.name}.describe: give a method name or a method of this client`);
  const v = verdict(sourceOf(state), name);
  if (v.kind === 'ask')
    throw failure(
      `${state.name}.describe(${JSON.stringify(name)}): the reference is not loaded yet; await client.ready() first`,
    );
  const d = v.kind === 'found' ? v.reference.methods.get(name) : undefined;
  if (v.kind !== 'found' || !d) throw refusal(state, name, v);
  const { serviceName, exchangePrefix } = v.reference;
  if (d.kind === 'function') return describeFunction(d, serviceName);
  return describeExchange(d.entry, d.signature, exchangePrefix ?? '', serviceName);
}
