// The two implementations every compatibility spec runs against: our default export and, as an
// oracle, the official taskcluster-client (a devDependency). Same assertions for both.
import official from 'taskcluster-client';
import tc from '../../lib/index.js';

/** The official client's module surface, loosely typed: the specs call it as user code would. */
export interface Taskcluster {
  createClient: any;
  setServiceDiscoveryScheme: any;
  makeRequest: any;
  fromEnvVars: any;
  credentialInformation: any;
  clients: any;
  [name: string]: any;
}

export const IMPLEMENTATIONS: ReadonlyArray<[string, Taskcluster]> = [
  ['taskcluster-dynamic', tc as Taskcluster],
  ['taskcluster-client', official as unknown as Taskcluster],
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
