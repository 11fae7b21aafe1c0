// The Python client's utility expectations (its test_utils.py, test_imports.py and
// test_exceptions.py at v106.0.0), mapped to our calling conventions and run on our default
// export. Facts carry over, code does not. Where a Python helper has no JS meaning, the fact it
// checks is tested through the behaviour that depends on it, and the helper itself is a row of
// the README's "Differences from taskcluster-client" (Python client subsection).
//
// Coverage (Python test -> here):
//   test_naive, test_aware, test_serializes_naive_date, test_serializes_aware_date
//                                        -> 'sends a Date in a payload as its ISO 8601 UTC string'
//   test_has_no_spaces                   -> 'sends payloads as compact JSON'
//   test_encode_string_for_b64_header    -> 'signs a long authorizedScopes list into one header line the service verifies'
//   test_makeb64urlsafe                  -> 'gives slug ids and bewits in URL-safe base64'
//   test_makeb64urlunsafe                -> row (Python helpers)
//   test_slug_id_is_always_nice, test_slug_id_nice_stays_nice -> 'turns UUID %s into the nice slug…'
//   test_success_no_payload, test_success_payload, test_redirect_response, test_failure
//                                        -> describe('makeRequest …')
//   test_success_put_file                -> row (Python helpers); uploads: python-transfers.spec.ts
//   test_repeat, test_not_equal, test_invalidate -> describe('stableSlugId')
//   test_examples (18 examples)          -> 'moves %s by %s'
//   scopeMatch (23 cases)                -> 'scopeMatch(%j, %j) is %s'
//   test_not_expired, test_expired       -> describe('credentialInformation …'); isExpired: row
//   optionsFromEnvironment (9 cases)     -> describe('optionsFromEnvironment'); test_cred_only and
//                                           test_default_creds: row (partial credentials)
//   test_imports.py (6)                  -> describe('the default export'); createSession, aio and
//                                           submodules: row
//   test_exceptions.py (4)               -> 'keeps %s fields through JSON'; pickling: row
import { afterAll, beforeAll, describe, it, expect, jest } from '@jest/globals';
import tc, { TaskclusterFailure } from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { loopback, json, type Loopback } from './loopback.js';

const TESTER = { clientId: 'tester', accessToken: 'no-secret' };

let sandbox: Sandbox;
let server: Loopback;
beforeAll(async () => {
  // Anonymous callers may read clients, as on a real deployment (credentialInformation needs it).
  sandbox = await startSandbox({
    roles: [{ roleId: 'anonymous', scopes: ['auth:get-client:*', 'auth:current-scopes'] }],
  });
  server = await loopback((request) =>
    request.url.startsWith('/see-other')
      ? json(303, { url: 'https://nosuch.example.com' }, { location: 'https://nosuch.example.com' })
      : request.url.startsWith('/missing')
        ? json(404, { message: 'no such thing' })
        : json(200, request.body.length ? { k: 'l' } : {}),
  );
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});

// A method whose payload takes any JSON: secrets.set's `secret`.
const secrets = () => tc.createClient('secrets', { rootUrl: server.url, references: 'bundled' });
const EXPIRES = '2030-01-01T00:00:00.000Z';

describe('payloads as the Python client sends them (dumpJson, stringDate)', () => {
  it.each([
    ['an instant in UTC', new Date(Date.UTC(2000, 0, 1, 1, 1, 1))],
    ['the same instant made in local time', new Date(Date.parse('2000-01-01T01:01:01Z'))],
  ])('sends a Date in a payload as its ISO 8601 UTC string (%s)', async (_what, date) => {
    await secrets().set('s', { secret: { date }, expires: EXPIRES });
    expect(server.requests.at(-1)?.body.toString()).toBe(
      `{"secret":{"date":"2000-01-01T01:01:01.000Z"},"expires":"${EXPIRES}"}`,
    );
  });

  it('sends payloads as compact JSON', async () => {
    await secrets().set('s', { secret: { test: 'works', doesit: 'yes' }, expires: EXPIRES });
    expect(server.requests.at(-1)?.body.toString()).toBe(
      `{"secret":{"test":"works","doesit":"yes"},"expires":"${EXPIRES}"}`,
    );
  });

  it('signs a long authorizedScopes list into one header line the service verifies', async () => {
    const authorizedScopes = Array.from({ length: 60 }, (_, i) => `test:abcdef-${String(i)}`);
    const auth = tc.createClient('auth', {
      rootUrl: sandbox.rootUrl,
      references: 'bundled',
      credentials: TESTER,
      authorizedScopes,
    });
    const answer = auth.testAuthenticate({
      clientScopes: ['test:*'],
      requiredScopes: ['test:abcdef-59'],
    });
    await expect(answer).resolves.toEqual({
      clientId: 'tester',
      scopes: ['assume:anonymous', ...authorizedScopes],
    });
  });
});

describe('slugId', () => {
  const withRandom = (uuidHex: string) =>
    jest.spyOn(crypto, 'getRandomValues').mockImplementationOnce(<T>(array: T) => {
      (array as Uint8Array).set(Buffer.from(uuidHex.replace(/-/g, ''), 'hex'));
      return array;
    });

  it.each([
    ['bed97923-7616-4ec8-85ed-4b695f67ac2e', 'with its first bit set'],
    ['3ed97923-7616-4ec8-85ed-4b695f67ac2e', 'with its first bit clear'],
  ])('turns UUID %s (%s) into the nice slug Ptl5I3YWTsiF7UtpX2esLg', (uuid) => {
    const spy = withRandom(uuid);
    expect(tc.slugId()).toBe('Ptl5I3YWTsiF7UtpX2esLg');
    spy.mockRestore();
  });

  it('gives slug ids and bewits in URL-safe base64', () => {
    const auth = tc.createClient('auth', {
      rootUrl: sandbox.rootUrl,
      references: 'bundled',
      credentials: TESTER,
    });
    const bewit = new URL(auth.buildSignedUrl(auth.testAuthenticateGet)).searchParams.get('bewit');
    for (const text of [bewit, ...Array.from({ length: 200 }, () => tc.slugId())])
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('stableSlugId', () => {
  it('gives the same slug for the same name', () => {
    const slug = tc.stableSlugId();
    for (const name of ['', 'build', '\u{1F4A9}', ' ']) expect(slug(name)).toBe(slug(name));
  });

  it('gives different slugs for different names', () => {
    const slug = tc.stableSlugId();
    expect(slug('first')).not.toBe(slug('second'));
  });

  it('gives each generator slugs of its own', () => {
    const [one, two] = [tc.stableSlugId(), tc.stableSlugId()];
    for (const name of ['', 'build', 'x'.repeat(100)]) expect(one(name)).not.toBe(two(name));
  });
});

describe('fromNow', () => {
  const FROM = new Date('2017-01-19T16:27:20.974Z');
  it.each([
    ['1 hour', '2017-01-19T17:27:20.974Z'],
    ['3h', '2017-01-19T19:27:20.974Z'],
    ['1 hours', '2017-01-19T17:27:20.974Z'],
    ['-1 hour', '2017-01-19T15:27:20.974Z'],
    ['1 m', '2017-01-19T16:28:20.974Z'],
    ['1m', '2017-01-19T16:28:20.974Z'],
    ['12 min', '2017-01-19T16:39:20.974Z'],
    ['12min', '2017-01-19T16:39:20.974Z'],
    ['11m', '2017-01-19T16:38:20.974Z'],
    ['11 m', '2017-01-19T16:38:20.974Z'],
    ['1 day', '2017-01-20T16:27:20.974Z'],
    ['2 days', '2017-01-21T16:27:20.974Z'],
    ['1 second', '2017-01-19T16:27:21.974Z'],
    ['1 week', '2017-01-26T16:27:20.974Z'],
    ['1 month', '2017-02-18T16:27:20.974Z'],
    ['30 mo', '2019-07-08T16:27:20.974Z'],
    ['-30 mo', '2014-08-03T16:27:20.974Z'],
    ['1 year', '2018-01-19T16:27:20.974Z'],
  ])('moves 2017-01-19T16:27:20.974Z by %s', (offset, expected) => {
    expect(tc.fromNow(offset, FROM).toISOString()).toBe(expected);
    expect(tc.fromNowJSON(offset, FROM)).toBe(expected);
  });
});

describe('scopeMatch', () => {
  it.each([
    [['foo:bar'], 'foo:bar', 'an error'],
    [['foo:bar'], ['foo:bar'], 'an error'],
    [['foo:bar'], [['foo:bar']], true],
    [['foo:bar'], '', 'an error'],
    [['foo:bar'], [''], 'an error'],
    [['foo:bar'], [['']], false],
    [['foo:*'], [['foo:bar']], true],
    [['foo:*:bing'], [['foo:bar:bing']], false],
    [['*:bar'], [['foo:bar']], false],
    [['foo:'], [['foo:bar']], false],
    [['foo:bar:*'], [['bar:bing']], false],
    [['bar:*'], [['foo:bar:bing']], false],
    [['bar:*'], ['foo:x', 'bar:x'], 'an error'],
    [['bar:*'], [['foo:x'], ['bar:x']], true],
    [['bar:*', 'foo:x'], [['foo:x', 'bar:y']], true],
    [[''], [['foo:bar']], false],
    [[], [['foo:bar']], false],
    [['*'], [['foo:bar', 'bar:bing']], true],
    [['foo:bar'], [[]], true],
    [['foo:bar'], {}, 'an error'],
    [['foo:bar'], [{}], 'an error'],
    [['foo:bar'], [[{}]], 'an error'],
    [['foo:bar'], [], false],
  ])('scopeMatch(%j, %j) is %s', (assumed, required, expected) => {
    const match = () => tc.scopeMatch(assumed, required as string[][]);
    if (expected === 'an error') expect(match).toThrow(TaskclusterFailure);
    else expect(match()).toBe(expected);
  });
});

describe('makeRequest (the Python makeSingleHttpRequest)', () => {
  const client = secrets;

  it('answers a request without a payload', async () => {
    await expect(tc.makeRequest(client(), 'GET', `${server.url}/thing`)).resolves.toEqual({
      statusCode: 200,
      body: {},
    });
  });

  it('sends the payload and answers with the body', async () => {
    const made = await tc.makeRequest(client(), 'GET', `${server.url}/thing`, { i: 'j' });
    expect(made).toEqual({ statusCode: 200, body: { k: 'l' } });
    expect(server.requests.at(-1)?.body.toString()).toBe('{"i":"j"}');
  });

  it('answers a 303 as it is, without following it', async () => {
    const before = server.requests.length;
    const made = await tc.makeRequest(client(), 'GET', `${server.url}/see-other`);
    expect(made).toMatchObject({ statusCode: 303, body: { url: 'https://nosuch.example.com' } });
    expect(server.requests.length - before).toBe(1);
  });

  it('rejects a 404, once', async () => {
    const before = server.requests.length;
    const made = tc.makeRequest(client(), 'GET', `${server.url}/missing`);
    await expect(made).rejects.toMatchObject({ statusCode: 404, message: 'no such thing' });
    expect(server.requests.length - before).toBe(1);
  });
});

describe('credentialInformation (the Python isExpired)', () => {
  const certificate = (expiry: number) =>
    JSON.stringify({
      version: 1,
      scopes: ['*'],
      start: 1450740520182,
      expiry,
      seed: '90PyTwYxS96-lBPc0f_MqQGV-hHCUsTYWpXZilv6EqDg',
      signature: 'HocA2IiCoGzjUQZbrbLSwKMXZSYWCu/hfMPCa/ovggQ=',
    });
  const info = (expiry: number) =>
    tc.credentialInformation(sandbox.rootUrl, {
      clientId: sandbox.rootCredentials.clientId,
      certificate: certificate(expiry),
    });

  it('reports a certificate expiring in 2047 as not expired', async () => {
    const { active, expiry } = await info(2451000620182);
    expect(active).toBe(true);
    expect(expiry?.getTime()).toBeGreaterThan(Date.now());
  });

  it('reports a certificate with expiry 0 as expired', async () => {
    await expect(info(0)).resolves.toMatchObject({ active: false, expiry: new Date(0) });
  });
});

describe('optionsFromEnvironment', () => {
  const CREDS = {
    TASKCLUSTER_ACCESS_TOKEN: 'shave-and-a-haircut',
    TASKCLUSTER_CERTIFICATE: '{"bits":2}',
  };
  const ALL = {
    TASKCLUSTER_ROOT_URL: 'https://tc.example.com',
    TASKCLUSTER_CLIENT_ID: 'me',
    ...CREDS,
  };
  // Python's optionsFromEnvironment(defaults) is, in our conventions, defaults spread under it.
  const withDefaults = (defaults: object, env: Record<string, string>) => ({
    ...defaults,
    ...tc.optionsFromEnvironment(env),
  });

  it('is empty for an empty environment', () => {
    expect(tc.optionsFromEnvironment({})).toEqual({});
  });

  it('reads the root URL and all three credential variables', () => {
    expect(tc.optionsFromEnvironment(ALL)).toEqual({
      rootUrl: 'https://tc.example.com',
      credentials: {
        clientId: 'me',
        accessToken: 'shave-and-a-haircut',
        certificate: '{"bits":2}',
      },
    });
  });

  it('reads the root URL alone', () => {
    const env = { TASKCLUSTER_ROOT_URL: 'https://tc.example.com' };
    expect(tc.optionsFromEnvironment(env)).toEqual({ rootUrl: 'https://tc.example.com' });
  });

  it('drops the trailing slash of the root URL', () => {
    const env = { TASKCLUSTER_ROOT_URL: 'https://tc.test/' };
    expect(tc.optionsFromEnvironment(env)).toEqual({ rootUrl: 'https://tc.test' });
  });

  it('keeps a default root URL the environment does not set, and yields to one it sets', () => {
    const defaults = { rootUrl: 'https://other.example.com' };
    const { TASKCLUSTER_ROOT_URL: _root, ...noRoot } = ALL;
    expect(withDefaults(defaults, noRoot)).toEqual({
      rootUrl: 'https://other.example.com',
      credentials: {
        clientId: 'me',
        accessToken: 'shave-and-a-haircut',
        certificate: '{"bits":2}',
      },
    });
    expect(withDefaults(defaults, { TASKCLUSTER_ROOT_URL: 'https://tc.example.com' })).toEqual({
      rootUrl: 'https://tc.example.com',
    });
  });

  it('replaces default credentials with whole credentials from the environment', () => {
    expect(withDefaults({ credentials: { clientId: 'them' } }, ALL)).toEqual({
      rootUrl: 'https://tc.example.com',
      credentials: {
        clientId: 'me',
        accessToken: 'shave-and-a-haircut',
        certificate: '{"bits":2}',
      },
    });
  });

  it('leaves out credentials without a clientId (a row of the differences table)', () => {
    expect(tc.optionsFromEnvironment({ TASKCLUSTER_ACCESS_TOKEN: 'shave-and-a-haircut' })).toEqual(
      {},
    );
  });
});

describe('the default export (what `import taskcluster` gives in Python)', () => {
  it.each([
    'createTemporaryCredentials',
    'optionsFromEnvironment',
    'fromNow',
    'fromNowJSON',
    'scopeMatch',
    'slugId',
    'stableSlugId',
    'TaskclusterRestFailure',
    'Queue',
  ])('has %s', (name) => {
    expect(typeof (tc as Record<string, unknown>)[name]).toBe('function');
  });

  it('makes a Queue whose methods call the queue service', async () => {
    const queue = new tc.Queue({ rootUrl: sandbox.rootUrl, references: 'bundled' });
    await expect(queue.ping()).resolves.toMatchObject({ alive: true });
  });
});

describe('errors (the Python exceptions pickle)', () => {
  const artifactError = async () => {
    const content = () =>
      Promise.resolve({ storageType: 'error', message: 'uhoh', reason: 'testing' });
    const queue = { artifact: content, latestArtifact: content };
    return tc
      .downloadArtifact({ taskId: 'task-id', name: 'public/test.data', queue, file: '/nowhere' })
      .catch((e: unknown) => e);
  };

  it.each([
    [
      'TaskclusterRestFailure',
      () => new tc.TaskclusterRestFailure('Test', { statusCode: 500, body: {} }),
      { statusCode: 500, body: {} },
    ],
    [
      'TaskclusterConnectionError',
      () => new tc.TaskclusterConnectionError('Test', { code: 'ECONNRESET' }),
      { code: 'ECONNRESET' },
    ],
    [
      'TaskclusterAuthFailure',
      () => new tc.TaskclusterAuthFailure('Test', { statusCode: 401, body: {} }),
      { statusCode: 401, body: {} },
    ],
    ['an ArtifactError', artifactError, { code: 'ArtifactError', reason: 'testing' }],
  ])('keeps %s fields through JSON', async (_name, make, fields) => {
    const error = await make();
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject(fields);
  });
});
