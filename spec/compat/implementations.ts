// The two implementations every compatibility spec runs against: our default export and, as an
// oracle, the official taskcluster-client (a devDependency). Same assertions for both.
import official from 'taskcluster-client';
import tc from '../../lib/index.js';
import { methodOf } from '../helpers/answers.js';

/**
 * A client of either implementation as user code holds it: the reserved functions typed, API
 * methods and exchange builders by name (called through `methodOf`, their answers unknown).
 */
export interface CompatClient {
  buildUrl(method: unknown, ...args: unknown[]): string;
  buildSignedUrl(method: unknown, ...args: unknown[]): string;
  externalBuildUrl(method: unknown, ...args: unknown[]): string;
  externalBuildSignedUrl(method: unknown, ...args: unknown[]): string;
  taskclusterPerRequestInstance(context: { traceId?: string; requestId?: string }): CompatClient;
  [member: string]: unknown;
}

/** The module surface the compatibility specs call, the same way on both implementations. */
export interface Taskcluster {
  /** The module object itself, for comparing member names and kinds. */
  readonly module: object;
  /** `createClient(reference)`: a client class, constructed with `construct`. */
  createClient(reference: object): unknown;
  setServiceDiscoveryScheme(scheme: string): void;
  makeRequest(client: CompatClient, method: string, url: string): Promise<unknown>;
  fromEnvVars(): unknown;
  credentialInformation(rootUrl: string, credentials: object): Promise<unknown>;
}

function isClient(value: unknown): value is CompatClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'buildUrl') === 'function' &&
    typeof Reflect.get(value, 'taskclusterPerRequestInstance') === 'function'
  );
}

/** `new Class(options)`, as user code writes it; throws unless it gives a client. */
export function construct(Class: unknown, options?: object): CompatClient {
  if (typeof Class !== 'function') throw new Error('expected a client class');
  const client: unknown = Reflect.construct(Class, [options]);
  if (!isClient(client)) throw new Error('expected the class to construct a client');
  return client;
}

// Every call goes through the module's own member, with the module as `this`, as user code does.
function surfaceOf(module: object): Taskcluster {
  const member = (name: string) => methodOf(module, name);
  return {
    module,
    createClient: (reference) => member('createClient')(reference),
    setServiceDiscoveryScheme: (scheme) => {
      member('setServiceDiscoveryScheme')(scheme);
    },
    makeRequest: async (client, method, url) => {
      const answer: unknown = await member('makeRequest')(client, method, url);
      return answer;
    },
    fromEnvVars: () => member('fromEnvVars')(),
    credentialInformation: async (rootUrl, credentials) => {
      const answer: unknown = await member('credentialInformation')(rootUrl, credentials);
      return answer;
    },
  };
}

export const IMPLEMENTATIONS: ReadonlyArray<[string, Taskcluster]> = [
  ['taskcluster-dynamic', surfaceOf(tc)],
  ['taskcluster-client', surfaceOf(official)],
];

/** A reference in the style of the official client's own tests: legacy `name`, a handful of entries. */
export function fakeReference(extra: object[] = []) {
  const fn = (name: string, method: string, route: string, args: string[], more = {}) => ({
    type: 'function',
    name,
    method,
    route,
    args,
    query: [],
    stability: 'experimental',
    title: name,
    description: name,
    scopes: [],
    ...more,
  });
  return {
    version: 0,
    $schema: 'http://tc-tests.example.com/schemas/base/v1/api-reference.json#',
    title: 'Fake API',
    description: 'Fake API',
    name: 'fake2',
    entries: [
      fn('get', 'get', '/get-test', []),
      fn('post', 'post', '/post-test', [], { input: 'http://tc-tests.example.com/nothing.json' }),
      fn('param2', 'get', '/url-param2/<param1>/<param2>/list', ['param1', 'param2']),
      fn('paramQuery', 'get', '/param-query/<param>', ['param'], { query: ['option'] }),
      fn('redirect', 'get', '/redirect', []),
      ...extra,
    ],
  };
}

/** Decode a bewit from a signed URL: `[clientId, exp, mac, ext]`. */
export function bewitOf(url: string): string[] {
  const bewit = new URL(url).searchParams.get('bewit') ?? '';
  return Buffer.from(bewit, 'base64url').toString('utf8').split('\\');
}
