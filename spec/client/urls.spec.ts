import { member } from '../helpers/nth.js';
import { describe, it, expect } from '@jest/globals';
import tcOfficial from 'taskcluster-client';
import { encodeQuery, apiPath, parseOrigin } from '../../lib/client/urls.js';
import { compileReference, type FunctionDescriptor } from '../../lib/client/descriptors.js';
import { createClient } from '../../lib/client/create-client.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import { pascalName } from '../../lib/references/names.js';
import { isExchangesReference, type FunctionEntry } from '../../lib/references/types.js';
import { defined } from '../helpers/answers.js';

type OfficialClient = Record<string, unknown> & {
  buildUrl(method: unknown, ...args: unknown[]): string;
};
const official = tcOfficial as unknown as Record<
  string,
  new (options: {
    rootUrl: string;
  }) => OfficialClient
>;

const queueMethod = (name: string) =>
  compileReference(defined(bundledReference('queue'))).methods.get(name) as FunctionDescriptor;

describe('encodeQuery', () => {
  it.each([
    [undefined, ''],
    [{}, ''],
    [{ limit: 10 }, '?limit=10'],
    [{ b: '2', a: '1' }, '?b=2&a=1'],
    [{ x: 'a b/c' }, '?x=a%20b%2Fc'],
    [{ x: '100%', y: 'what?', z: 'frag#ment' }, '?x=100%25&y=what%3F&z=frag%23ment'],
    [{ x: 'ünï 🚀' }, '?x=%C3%BCn%C3%AF%20%F0%9F%9A%80'],
    [{ x: '+&=;' }, '?x=%2B%26%3D%3B'],
    [{ quarantined: true }, '?quarantined=true'],
    [{ x: ['a', 'b'] }, '?x=a&x=b'],
    [{ skipped: undefined, kept: 0 }, '?kept=0'],
    [{ 'a key': 'v' }, '?a%20key=v'],
  ])('encodes %p as %p', (query, expected) => {
    expect(encodeQuery(query as Parameters<typeof encodeQuery>[0])).toBe(expected);
  });
});

describe('apiPath', () => {
  it.each([
    ['ping', {}, undefined, '/api/queue/v1/ping'],
    ['task', { taskId: 'abc' }, undefined, '/api/queue/v1/task/abc'],
    ['task', { taskId: 42 }, undefined, '/api/queue/v1/task/42'],
    [
      'getLatestArtifact',
      { taskId: 't', name: 'public/logs/live.log' },
      undefined,
      '/api/queue/v1/task/t/artifacts/public%2Flogs%2Flive.log',
    ],
    [
      'getArtifact',
      { taskId: 'a b', runId: 0, name: '?#%' },
      undefined,
      '/api/queue/v1/task/a%20b/runs/0/artifacts/%3F%23%25',
    ],
    [
      'listTaskGroup',
      { taskGroupId: 'g' },
      { limit: 5, continuationToken: 'x y' },
      '/api/queue/v1/task-group/g/list?limit=5&continuationToken=x%20y',
    ],
    [
      'getWorker',
      { provisionerId: 'p', workerType: 'w', workerGroup: 'ü', workerId: '/' },
      undefined,
      '/api/queue/v1/provisioners/p/worker-types/w/workers/%C3%BC/%2F',
    ],
  ])('builds %s with %p and %p as %s', (name, params, query, expected) => {
    expect(apiPath(queueMethod(name), { params, query })).toBe(expected);
  });
});

describe('parseOrigin', () => {
  it.each([
    [
      'https://tc.example.com',
      { rootUrl: 'https://tc.example.com', basePath: '', host: 'tc.example.com', port: 443 },
    ],
    [
      'https://tc.example.com/',
      { rootUrl: 'https://tc.example.com', basePath: '', host: 'tc.example.com', port: 443 },
    ],
    [
      'http://tc.example.com',
      { rootUrl: 'http://tc.example.com', basePath: '', host: 'tc.example.com', port: 80 },
    ],
    [
      'http://127.0.0.1:8080',
      { rootUrl: 'http://127.0.0.1:8080', basePath: '', host: '127.0.0.1', port: 8080 },
    ],
    [
      'http://127.0.0.1:8080/base/',
      { rootUrl: 'http://127.0.0.1:8080/base', basePath: '/base', host: '127.0.0.1', port: 8080 },
    ],
    [
      'https://tc.example.com/a/b//',
      {
        rootUrl: 'https://tc.example.com/a/b',
        basePath: '/a/b',
        host: 'tc.example.com',
        port: 443,
      },
    ],
  ])('parses %s', (rootUrl, expected) => {
    expect(parseOrigin(rootUrl)).toEqual(expected);
  });

  it('returns a frozen origin', () => {
    expect(Object.isFrozen(parseOrigin('https://tc.example.com'))).toBe(true);
  });

  it('throws on a rootUrl that is not a URL', () => {
    expect(() => parseOrigin('tc.example.com')).toThrow();
  });
});

const AWKWARD: Array<string | number> = [
  'a b',
  'a/b',
  '100%',
  'what?',
  'frag#ment',
  'ünï©ødé 🚀',
  42,
  "it's (ok)*!~",
  '+&=;',
  // '..' and '.' are refused (the official client sends them, and URLs resolve them away).
  '...',
  0,
];

function argsFor(entry: FunctionEntry, offset: number, withQuery: boolean): unknown[] {
  const params = entry.args.map((_, i) => AWKWARD[(offset + i) % AWKWARD.length]);
  if (!withQuery) return params;
  const query = Object.fromEntries(
    (entry.query ?? []).map((key, i) => [key, AWKWARD[(offset + i + 3) % AWKWARD.length]]),
  );
  return [...params, query];
}

const API_SERVICES = bundledNames().filter((name) => !name.endsWith('-events'));

const DIFFERENTIAL = API_SERVICES.flatMap((service) => {
  const reference = defined(bundledReference(service));
  if (isExchangesReference(reference)) throw new Error(`${service} is not an API`);
  return reference.entries.flatMap((entry, i) => [
    [service, entry.name, argsFor(entry, i, false)] as const,
    ...(entry.query?.length ? [[service, entry.name, argsFor(entry, i, true)] as const] : []),
  ]);
});

describe('buildUrl against the official client', () => {
  it('covers every bundled API service', () => {
    expect(API_SERVICES.length).toBeGreaterThanOrEqual(10);
    for (const service of API_SERVICES) expect(official[pascalName(service)]).toBeDefined();
  });

  describe.each([
    'https://tc.example.com',
    'https://tc.example.com/',
    'http://127.0.0.1:8080/prefix/',
  ])('with rootUrl %s', (rootUrl) => {
    it.each(DIFFERENTIAL)('builds %s.%s(%p) as the official client does', (service, name, args) => {
      const ours = createClient(service, { rootUrl, credentials: {}, references: 'bundled' });
      const theirs = new (member(official, pascalName(service)))({ rootUrl });
      const expected = theirs.buildUrl(theirs[name], ...args);
      expect(ours.buildUrl(name, ...args)).toBe(expected);
      expect(ours.buildUrl(ours[name], ...args)).toBe(expected);
    });
  });
});
