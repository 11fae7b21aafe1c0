import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { inspect } from 'node:util';
import { createClient, createTemporaryCredentials, TaskclusterConfig } from '../../lib/index.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import {
  createCredentialSource,
  expiryOf,
  type ProvidedCredentials,
} from '../../lib/auth/credential-provider.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { defined, methodOf } from '../helpers/answers.js';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

/** A provider whose answers the test releases one by one, counting calls. */
function manualProvider() {
  const pending: Array<(c: ProvidedCredentials) => void> = [];
  let calls = 0;
  const provider = () => {
    calls++;
    return new Promise<ProvidedCredentials>((resolve) => pending.push(resolve));
  };
  return {
    provider,
    calls: () => calls,
    give: (c: ProvidedCredentials) => {
      defined(pending.shift(), 'a waiting provider call')(c);
    },
  };
}
const creds = (n: number, expires: number): ProvidedCredentials => ({
  clientId: `client-${String(n)}`,
  accessToken: `token-number-${String(n)}-0123456789`,
  expires,
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createCredentialSource', () => {
  it('calls the provider once for concurrent callers and caches the answer', async () => {
    const p = manualProvider();
    const source = createCredentialSource(p.provider);
    const answers = Promise.all([source.current(T0), source.current(T0), source.current(T0)]);
    await settle();
    p.give(creds(1, T0 + 60 * MIN));
    const got = await answers;
    expect(got.map((c) => c.clientId)).toEqual(['client-1', 'client-1', 'client-1']);
    expect((await source.current(T0 + 30 * MIN)).clientId).toBe('client-1');
    expect(p.calls()).toBe(1);
  });

  it('refreshes in the background shortly before expiry, never blocking the callers', async () => {
    const p = manualProvider();
    const source = createCredentialSource(p.provider);
    const first = source.current(T0);
    await settle();
    p.give(creds(1, T0 + 60 * MIN));
    await first;
    // Inside the five-minute margin: the old credentials come back at once, one refresh starts.
    const during = await Promise.all([
      source.current(T0 + 56 * MIN),
      source.current(T0 + 57 * MIN),
    ]);
    expect(during.map((c) => c.clientId)).toEqual(['client-1', 'client-1']);
    expect(p.calls()).toBe(2);
    p.give(creds(2, T0 + 120 * MIN));
    await settle();
    expect((await source.current(T0 + 58 * MIN)).clientId).toBe('client-2');
    expect(p.calls()).toBe(2);
  });

  it('waits for the provider once the credentials are past use', async () => {
    const p = manualProvider();
    const source = createCredentialSource(p.provider);
    const first = source.current(T0);
    await settle();
    p.give(creds(1, T0 + 10 * MIN));
    await first;
    expect(source.cached(T0 + 10 * MIN)).toBeUndefined();
    const late = source.current(T0 + 10 * MIN);
    await settle();
    p.give(creds(2, Date.now() + 60 * MIN));
    expect((await late).clientId).toBe('client-2');
  });

  it('wraps a failing provider in a TaskclusterFailure, for every waiting caller', async () => {
    const source = createCredentialSource(() => Promise.reject(new Error('vault sealed')));
    const results = await Promise.allSettled([source.current(), source.current()]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as TaskclusterFailure;
      expect(reason).toBeInstanceOf(TaskclusterFailure);
      expect(reason.code).toBe('CredentialsProviderFailed');
      expect(reason.message).toMatch(/the credentials provider failed: vault sealed/);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['a string', 'id:token', /must be an object/],
    ['a clientId alone', { clientId: 'c' }, /accessToken is missing/],
    ['expired credentials', { clientId: 'c', accessToken: 'tttt', expires: 1 }, /already expired/],
    [
      'a bad expires',
      { clientId: 'c', accessToken: 'tttt', expires: 'soon' },
      /expires is not a date/,
    ],
  ])('refuses a provider that returns %s', async (_what, value, message) => {
    const source = createCredentialSource(() => value as ProvidedCredentials);
    await expect(source.current()).rejects.toThrow(message);
  });
});

describe('expiryOf', () => {
  it('reads expires, else the certificate expiry, else never', () => {
    expect(expiryOf({ expires: new Date(5) })).toBe(5);
    expect(expiryOf({ expires: '1970-01-01T00:00:01.000Z' })).toBe(1000);
    expect(expiryOf({ certificate: '{"expiry": 77}' })).toBe(77);
    expect(expiryOf({ certificate: { expiry: 78 } })).toBe(78);
    expect(expiryOf({ clientId: 'c' })).toBe(Infinity);
  });
});

describe('a client with a credentials provider', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  const temporary = (minutes: number) => () =>
    createTemporaryCredentials({
      credentials: sandbox.rootCredentials,
      start: new Date(Date.now() - MIN),
      expiry: new Date(Date.now() + minutes * MIN),
      scopes: ['auth:current-scopes', 'queue:*'],
    });

  it('signs with temporary credentials it provides, one provider call for parallel calls', async () => {
    let calls = 0;
    const provider = () => {
      calls++;
      return temporary(60)();
    };
    const auth = createClient('auth', { rootUrl: sandbox.rootUrl, credentials: provider });
    const answers = await Promise.all([1, 2, 3].map(() => auth.currentScopes()));
    expect(answers[0]).toEqual({ scopes: ['assume:anonymous', 'auth:current-scopes', 'queue:*'] });
    expect(calls).toBe(1);
    await auth.use({ maxRetries: 0 }).currentScopes();
    expect(calls).toBe(1);
    expect(inspect(auth, { depth: 5 })).not.toMatch(/accessToken: '[^[]/);
  });

  it('builds a signed URL only once credentials are cached, saying so before', async () => {
    const queue = createClient('queue', { rootUrl: sandbox.rootUrl, credentials: temporary(60) });
    expect(() => queue.buildSignedUrl('task', 'fN1SbArXTPSVFNUvaOlinQ')).toThrow(
      /no usable credentials yet; make any call first/,
    );
    await queue.ping();
    expect(queue.buildSignedUrl('task', 'fN1SbArXTPSVFNUvaOlinQ')).toMatch(/bewit=/);
  });

  it('is accepted by TaskclusterConfig.auth', async () => {
    const config = new TaskclusterConfig(sandbox.rootUrl).auth({ credentials: temporary(60) });
    expect(config.credentialsSource).toBe('given');
    expect(await methodOf(config.getService('auth'), 'currentScopes')()).toMatchObject({
      scopes: expect.arrayContaining(['auth:current-scopes', 'queue:*']),
    });
    expect(() =>
      new TaskclusterConfig(sandbox.rootUrl).auth({ credentials: temporary(1), clientId: 'x' }),
    ).toThrow(/credentials must be a provider function, given without clientId/);
  });
});
