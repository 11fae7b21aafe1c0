// createClient: resolve options (no I/O) and wrap a client state in its Proxy; the reserved
// functions every client has (buildUrl, buildSignedUrl, use, ready, fakeCalls) live on one prototype.
import { resolveOptions, type ClientOptions, type ResolvedOptions } from '../options.js';
import { clientName } from '../references/names.js';
import type { Reference } from '../references/types.js';
import { failure } from '../errors.js';
import { clientProxy, stateOf } from './proxy.js';
import { loadedOf, readyReference, type ClientState } from './methods.js';
import { withOptions } from './reference-source.js';
import { describeMethod, namedDescriptor, type MethodDescription } from './describe.js';
import { parseArguments } from './arguments.js';
import { apiPath } from './urls.js';
import { originOf, requestOriginOf, signerOf } from './context.js';
import type { FunctionDescriptor } from './descriptors.js';
import { bewit } from '../auth/hawk.js';
import type { KnownService, ServiceClients } from '../types/index.js';

/** A client: its API methods (or exchange pattern builders) plus the reserved functions. */
export interface Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: untyped clients answer any, as the official client does
  [method: string]: any;
  /** The URL of a method call (method by name or function, then its arguments). */
  buildUrl(method: unknown, ...args: unknown[]): string;
  /** The URL of a GET method call with a bewit signature (needs credentials). */
  buildSignedUrl(method: unknown, ...args: unknown[]): string;
  /** A new client of the same service with these options merged over this client's. */
  use(overrides: ClientOptions): Client;
  /** Like `buildUrl`, always on the rootUrl (never a service-discovery address). */
  externalBuildUrl(method: unknown, ...args: unknown[]): string;
  /** Like `buildSignedUrl`, always on the rootUrl (never a service-discovery address). */
  externalBuildSignedUrl(method: unknown, ...args: unknown[]): string;
  /** The official client's per-request copy: this client with `traceId` sent as `x-taskcluster-trace-id`. */
  taskclusterPerRequestInstance(context: { traceId?: string; requestId?: string }): Client;
  /** Resolves with the client's reference document once it is loaded. */
  ready(): Promise<Reference>;
  /** What a method or exchange is (route, HTTP method, args, query, schemas, scopes). */
  describe(method: unknown): MethodDescription;
  readonly fakeCalls: Record<string, unknown[]>;
}

function stateFor(client: unknown, what: string): ClientState {
  const state = stateOf(client);
  if (!state) throw failure(`${what} must be called on a client`);
  return state;
}

function descriptorFor(state: ClientState, method: unknown, what: string): FunctionDescriptor {
  const given = (method as { descriptor?: FunctionDescriptor } | null | undefined)?.descriptor;
  const d = given ?? (typeof method === 'string' ? namedDescriptor(state, method) : undefined);
  if (!d) {
    const loaded = loadedOf(state)
      ? ''
      : ' (if the reference must be fetched, await client.ready() first)';
    throw failure(
      `${state.name}.${what}: the first argument must be a method of this client or its name${loaded}`,
    );
  }
  if (d.kind !== 'function')
    throw failure(`${state.name}.${what}: ${d.name} is an exchange, not an API method`);
  return d;
}

/** Which origin a URL is built on: where this client sends requests, or the public rootUrl. */
type UrlKind = 'internal' | 'external';

function urlOf(
  state: ClientState,
  d: FunctionDescriptor,
  args: unknown[],
  [what, kind]: readonly [string, UrlKind],
): string {
  // URLs take params then an optional query: read them as a call of the same method without payload.
  const call = parseArguments(
    { ...d, hasInput: false, signature: `${state.name}.${what}(${d.name}, ...)` },
    args,
  );
  const label = `${state.name}.${what}`;
  const origin =
    kind === 'internal' ? requestOriginOf(state, d.serviceName, label) : originOf(state, label);
  return origin.rootUrl + apiPath(d, call);
}

/** The lifetime of a signed URL: the option, or the last argument's `expiration` (0 or less: already expired). */
function expirationOf(state: ClientState, d: FunctionDescriptor, args: unknown[], what: string) {
  let expiration = state.options.signedUrlExpiration;
  if (args.length > d.params.length + (d.query.size ? 1 : 0)) {
    const options = args.pop() as { expiration?: unknown } | undefined;
    if (options?.expiration !== undefined) expiration = options.expiration as number;
    if (typeof expiration !== 'number' || !Number.isFinite(expiration))
      throw failure(`${state.name}.${what}: expiration must be a number of seconds`);
  }
  return Math.trunc(expiration);
}

function buildSignedUrlOf(
  state: ClientState,
  method: unknown,
  args: unknown[],
  [what, kind]: readonly [string, UrlKind],
) {
  const d = descriptorFor(state, method, what);
  const expiration = expirationOf(state, d, args, what);
  if (d.httpMethod !== 'GET')
    throw failure(`${state.name}.${what}: ${d.name} is not a GET method and cannot be signed`);
  const signer = signerOf(state);
  // Signing is synchronous: a provider's credentials are used once a call has fetched them.
  if (signer === undefined)
    throw failure(
      `${state.name}.${what}: the credentials provider has given no usable credentials yet; make any call first (e.g. await client.ping()), then sign`,
      { code: 'CredentialsNotReady' },
    );
  if (!signer)
    throw failure(`${state.name}.${what}: signed URLs need credentials (clientId and accessToken)`);
  const url = urlOf(state, d, args, [what, kind]);
  return `${url}${url.includes('?') ? '&' : '?'}bewit=${bewit(signer, url, expiration, Date.now() + state.options.localTimeOffset)}`;
}

function buildUrlOf(
  state: ClientState,
  method: unknown,
  args: unknown[],
  what: string,
  kind: UrlKind,
) {
  return urlOf(state, descriptorFor(state, method, what), args, [what, kind]);
}

const CLIENT_PROTO = Object.freeze(
  Object.create(Object.prototype, {
    buildUrl: {
      value(this: unknown, method: unknown, ...args: unknown[]) {
        return buildUrlOf(stateFor(this, 'buildUrl'), method, args, 'buildUrl', 'internal');
      },
    },
    buildSignedUrl: {
      value(this: unknown, method: unknown, ...args: unknown[]) {
        const state = stateFor(this, 'buildSignedUrl');
        return buildSignedUrlOf(state, method, args, ['buildSignedUrl', 'internal']);
      },
    },
    // The official client's URLs for others to use: on the rootUrl even under k8s-dns service discovery.
    externalBuildUrl: {
      value(this: unknown, method: unknown, ...args: unknown[]) {
        const state = stateFor(this, 'externalBuildUrl');
        return buildUrlOf(state, method, args, 'externalBuildUrl', 'external');
      },
    },
    externalBuildSignedUrl: {
      value(this: unknown, method: unknown, ...args: unknown[]) {
        const state = stateFor(this, 'externalBuildSignedUrl');
        return buildSignedUrlOf(state, method, args, ['externalBuildSignedUrl', 'external']);
      },
    },
    // The official client's per-request copy (its requestId is for logs it does not keep).
    taskclusterPerRequestInstance: {
      value(this: Client, { traceId }: { traceId?: string; requestId?: string } = {}) {
        return this.use(traceId === undefined ? {} : { traceId });
      },
    },
    use: {
      value(this: unknown, overrides: ClientOptions = {}) {
        const state = stateFor(this, 'use');
        return newClient(
          state.name,
          { ...state.options.given, ...overrides },
          overrides.references === undefined ? state : undefined,
        );
      },
    },
    ready: {
      value(this: unknown) {
        return readyReference(stateFor(this, 'ready'));
      },
    },
    describe: {
      value(this: unknown, method: unknown) {
        return describeMethod(stateFor(this, 'describe'), method);
      },
    },
    fakeCalls: {
      get(this: unknown) {
        const state = stateFor(this, 'fakeCalls');
        return (state.fakeCalls ??= {});
      },
    },
  }) as object,
);

function newClient(name: string, options: ClientOptions, parent?: ClientState): Client {
  const resolved: ResolvedOptions = resolveOptions(options);
  const state: ClientState = { name, options: resolved };
  // A use()d client shares what its parent already loaded: same references, no second lookup.
  if (parent?.source && parent.options.rootUrl === resolved.rootUrl)
    state.source = withOptions(parent.source, resolved);
  return clientProxy(state, CLIENT_PROTO) as Client;
}

/**
 * A client for a Taskcluster service (`queue`, `purge-cache`, `queue-events`, `Queue`, ...).
 * Synchronous and without I/O: references are read or fetched on first use.
 */
export function createClient<N extends KnownService>(
  name: N,
  options?: ClientOptions,
): ServiceClients[N];
export function createClient(name: string, options?: ClientOptions): Client;
export function createClient(name: string, options: ClientOptions = {}): Client {
  if (typeof name !== 'string' || !name)
    throw failure('createClient(name, options): name must be a service name such as "queue"');
  return newClient(clientName(name), options);
}

/** The resolved options of a client (for helpers that reuse its retry policy, dispatcher or credentials). */
export function clientOptions(client: unknown): ResolvedOptions {
  return stateFor(client, 'clientOptions').options;
}
