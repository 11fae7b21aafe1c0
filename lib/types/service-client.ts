// Typed clients: a service's generated methods (or exchanges), the reserved
// functions every client has, and a loose signature for names the generated types lack.
import type { ClientOptions } from '../options.js';
import type { Reference } from '../references/types.js';
import type { MethodDescription } from '../client/describe.js';
import type { SignedUrlOptions } from './arguments.js';
import type { LooseApiMethod } from './api-method.js';
import type { LooseExchangeMethod } from './exchanges.js';

/** The reserved members of every client. */
export interface ClientBase {
  /** A new client of the same service with these options merged over this client's. */
  use(overrides?: ClientOptions): this;
  /** The official client's per-request copy: this client with `traceId` sent as `x-taskcluster-trace-id`. */
  taskclusterPerRequestInstance(context: { traceId?: string; requestId?: string }): this;
  /** Resolves with the client's reference document once it is loaded. */
  ready(): Promise<Reference>;
  /** What a method or exchange is (route, HTTP method, args, query, schemas, scopes, stability). */
  describe(method: string | ((...args: never[]) => unknown)): MethodDescription;
  /** With the `fake` option: the recorded calls, by method name. */
  readonly fakeCalls: Record<string, unknown[]>;
  /** A client is never a thenable. */
  readonly then?: undefined;
}

// A method name of `U`, or any other string (completion offers the known names first).
type MethodName<U> = (keyof U & string) | (string & {});
// A method function: its arguments are checked at run time only.
type MethodFunction = LooseApiMethod | ((...args: never[]) => unknown);
/** What the generated types record for building a method's URL: its params and its query (`never` without one). */
export interface UrlShape {
  params: readonly unknown[];
  query: unknown;
}
type Shape<U, K> = K extends keyof U ? (U[K] extends UrlShape ? U[K] : never) : never;
type UrlArgs<S extends UrlShape> = [S['query']] extends [never]
  ? S['params']
  : [...params: S['params'], query?: S['query']];
// `{expiration}` comes after the query when the method takes one: the runtime reads an argument past params + query as it.
type SignedUrlArgs<S extends UrlShape> = [S['query']] extends [never]
  ? S['params'] | [...params: S['params'], options: SignedUrlOptions]
  :
      | S['params']
      | [...params: S['params'], query: S['query']]
      | [...params: S['params'], query: S['query'], options: SignedUrlOptions];

/** URL building for a service's methods: `U` maps each method name to its UrlShape. */
export interface UrlBuilders<U> {
  /**
   * The URL of a method call (method by name or function, then its arguments).
   * @typeParam K - The method, by name or as the client's function; its name types the arguments.
   */
  buildUrl<K extends MethodName<U> | MethodFunction>(
    method: K,
    ...args: K extends keyof U ? UrlArgs<Shape<U, K>> : unknown[]
  ): string;
  /**
   * GET methods only; needs credentials. A trailing `{expiration}` sets the lifetime in seconds.
   * @typeParam K - The method, by name or as the client's function; its name types the arguments.
   */
  buildSignedUrl<K extends MethodName<U> | MethodFunction>(
    method: K,
    ...args: K extends keyof U ? SignedUrlArgs<Shape<U, K>> : unknown[]
  ): string;
  /** Like `buildUrl`, always on the rootUrl (never a service-discovery address). */
  externalBuildUrl(method: unknown, ...args: unknown[]): string;
  /** Like `buildSignedUrl`, always on the rootUrl (never a service-discovery address). */
  externalBuildSignedUrl(method: unknown, ...args: unknown[]): string;
}

/** A typed API client: methods `M` and URL shapes `U` (generated); other names stay callable, loosely typed. */
export type ServiceClient<M, U> = M &
  ClientBase &
  UrlBuilders<U> & { [method: string]: LooseApiMethod };

/** A typed events client; other exchange names stay callable, loosely typed. */
export type ExchangeClient<M> = M &
  ClientBase &
  NoUrlBuilders & { [exchange: string]: LooseExchangeMethod };

/** What an events client has instead of URL builders: it has no API methods to build URLs for. */
export interface NoUrlBuilders {
  /** Not available: an events client has no API methods. */
  buildUrl(method: never, ...args: never[]): never;
  /** Not available: an events client has no API methods. */
  buildSignedUrl(method: never, ...args: never[]): never;
}
