// URL building as the official client does it: internal and external URLs, k8s-dns service
// discovery, per-request instances, and signed URLs with any expiration.
import { afterEach, describe, it, expect } from '@jest/globals';
import {
  bewitOf,
  construct,
  fakeReference,
  IMPLEMENTATIONS,
  type CompatClient,
} from './implementations.js';

const ROOT_URL = 'https://tc.example.com';
const CREDENTIALS = { clientId: 'tester', accessToken: 'no-secret' };

describe.each(IMPLEMENTATIONS)('buildUrl and buildSignedUrl of %s', (_name, taskcluster) => {
  const make = (options: object = {}) =>
    construct(taskcluster.createClient(fakeReference()), {
      rootUrl: ROOT_URL,
      credentials: CREDENTIALS,
      ...options,
    });

  afterEach(() => {
    taskcluster.setServiceDiscoveryScheme('default');
  });

  it('encodes parameters and leaves an empty query out', () => {
    const client = make();
    expect(client.buildUrl(client['param2'], 'a/b', 'c')).toBe(
      `${ROOT_URL}/api/fake2/v1/url-param2/a%2Fb/c/list`,
    );
    expect(client.buildUrl(client['paramQuery'], 'x', {})).toBe(
      `${ROOT_URL}/api/fake2/v1/param-query/x`,
    );
    expect(client.buildUrl(client['paramQuery'], 'x', { option: 2 })).toBe(
      `${ROOT_URL}/api/fake2/v1/param-query/x?option=2`,
    );
  });

  it.each([
    ['a missing parameter', (c: CompatClient) => c.buildUrl(c['param2'], 'only-one')],
    [
      'an unknown query key',
      (c: CompatClient) => c.buildUrl(c['paramQuery'], 'x', { wrongKey: 1 }),
    ],
    ['a name that is not a method', (c: CompatClient) => c.buildUrl('nothing')],
  ])('refuses %s', (_what, build) => {
    expect(() => build(make())).toThrow();
  });

  it('builds on http://taskcluster-<service> under k8s-dns, and external URLs on the rootUrl', () => {
    const client = make({ serviceDiscoveryScheme: 'k8s-dns' });
    expect(client.buildUrl(client['get'])).toBe('http://taskcluster-fake2/api/fake2/v1/get-test');
    expect(client.externalBuildUrl(client['get'])).toBe(`${ROOT_URL}/api/fake2/v1/get-test`);
    const signed = client.externalBuildSignedUrl(client['get']);
    expect(signed.startsWith(`${ROOT_URL}/api/fake2/v1/get-test?bewit=`)).toBe(true);
  });

  it('takes the process default of setServiceDiscoveryScheme when a client is created', () => {
    taskcluster.setServiceDiscoveryScheme('k8s-dns');
    const client = make();
    taskcluster.setServiceDiscoveryScheme('default');
    expect(client.buildUrl(client['get'])).toBe('http://taskcluster-fake2/api/fake2/v1/get-test');
    // A per-request instance keeps the scheme its parent was created with.
    const perRequest = client.taskclusterPerRequestInstance({ traceId: 't', requestId: 'r' });
    expect(perRequest.buildUrl(perRequest['get'])).toBe(
      'http://taskcluster-fake2/api/fake2/v1/get-test',
    );
    expect(make().buildUrl(client['get'])).toBe(`${ROOT_URL}/api/fake2/v1/get-test`);
  });

  it('refuses an unknown service discovery scheme', () => {
    expect(() => make({ serviceDiscoveryScheme: 'consul' })).toThrow(
      /Invalid Taskcluster client service discovery scheme: consul/,
    );
  });

  it('signs a URL that expired already when the expiration is negative', () => {
    const client = make();
    const now = Math.floor(Date.now() / 1000);
    const [clientId, exp] = bewitOf(client.buildSignedUrl(client['get'], { expiration: -600 }));
    expect(clientId).toBe('tester');
    expect(Number(exp)).toBeGreaterThanOrEqual(now - 601);
    expect(Number(exp)).toBeLessThanOrEqual(now - 599);
  });

  it('signs for 15 minutes by default', () => {
    const client = make();
    const now = Math.floor(Date.now() / 1000);
    const [, exp] = bewitOf(client.buildSignedUrl(client['paramQuery'], 'x', { option: 1 }));
    expect(Number(exp) - now).toBeGreaterThanOrEqual(899);
    expect(Number(exp) - now).toBeLessThanOrEqual(901);
  });
});
