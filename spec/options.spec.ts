import { describe, it, expect } from '@jest/globals';
import { inspect } from 'node:util';
import {
  optionsFromEnvironment,
  resolveOptions,
  missingRootUrl,
  DEFAULTS,
  type ClientOptions,
} from '../lib/options.js';
import { TaskclusterFailure } from '../lib/errors.js';

const ROOT = 'https://tc.example.com';
const OTHER = 'https://other.example.com';
const CREDS = { clientId: 'env-client', accessToken: 'env-token-0123456789' };
const ENV = {
  TASKCLUSTER_ROOT_URL: ROOT,
  TASKCLUSTER_CLIENT_ID: CREDS.clientId,
  TASKCLUSTER_ACCESS_TOKEN: CREDS.accessToken,
};

describe('optionsFromEnvironment', () => {
  it.each([
    [{}, {}],
    [{ TASKCLUSTER_ROOT_URL: ROOT }, { rootUrl: ROOT }],
    [ENV, { rootUrl: ROOT, credentials: CREDS }],
    [
      {
        TASKCLUSTER_CLIENT_ID: 'c',
        TASKCLUSTER_ACCESS_TOKEN: 't',
        TASKCLUSTER_CERTIFICATE: '{"version":1}',
      },
      { credentials: { clientId: 'c', accessToken: 't', certificate: '{"version":1}' } },
    ],
    [{ TASKCLUSTER_ROOT_URL: '', TASKCLUSTER_CLIENT_ID: '' }, {}],
    [{ TASKCLUSTER_PROXY_URL: 'http://taskcluster', TASK_ID: 'abc' }, {}],
    [{ TASKCLUSTER_ROOT_URL: ROOT, TASKCLUSTER_WORKER_TYPE: 'x' }, { rootUrl: ROOT }],
    [{ TASKCLUSTER_ROOT_URL: `${ROOT}//` }, { rootUrl: ROOT }],
  ])('reads %p as %p', (env, expected) => {
    expect(optionsFromEnvironment(env)).toEqual(expected);
  });
});

describe('resolveOptions', () => {
  it('fills every default', () => {
    const o = resolveOptions({}, {});
    expect(o).toMatchObject({
      rootUrl: undefined,
      credentials: undefined,
      authorizedScopes: undefined,
      maxRetries: DEFAULTS.maxRetries,
      delayFactor: 100,
      randomizationFactor: 0.25,
      maxDelay: 30_000,
      timeout: 30_000,
      signedUrlExpiration: 900,
      references: 'auto',
      debug: false,
    });
    expect(o.maxRetries).toBe(5);
    expect(o.random).toBe(Math.random);
  });

  it.each([
    ["no options: the environment's rootUrl and credentials", {}, ROOT, CREDS],
    ["the environment's own rootUrl", { rootUrl: ROOT }, ROOT, CREDS],
    ["the environment's rootUrl with a trailing slash", { rootUrl: `${ROOT}/` }, ROOT, CREDS],
    ['another rootUrl: anonymous', { rootUrl: OTHER }, OTHER, undefined],
    [
      'another rootUrl with credentials',
      { rootUrl: OTHER, credentials: { clientId: 'a', accessToken: 'b-token' } },
      OTHER,
      { clientId: 'a', accessToken: 'b-token' },
    ],
    ['credentials: {} is anonymous', { credentials: {} }, ROOT, undefined],
  ])('resolves %s', (_name, given: ClientOptions, rootUrl, credentials) => {
    const o = resolveOptions(given, ENV);
    expect(o.rootUrl).toBe(rootUrl);
    expect(o.credentials).toEqual(credentials);
  });

  it('refuses credentials without an accessToken rather than going anonymous', () => {
    expect(() => resolveOptions({ credentials: { clientId: 'a' } }, ENV)).toThrow(
      /option credentials: accessToken is missing/,
    );
  });

  it('uses environment credentials without an environment rootUrl only when no rootUrl is given', () => {
    const env = { TASKCLUSTER_CLIENT_ID: 'c', TASKCLUSTER_ACCESS_TOKEN: 'token' };
    expect(resolveOptions({}, env).credentials).toEqual({ clientId: 'c', accessToken: 'token' });
    expect(resolveOptions({ rootUrl: OTHER }, env).credentials).toBeUndefined();
  });

  it.each([
    [{ retries: 2 }, 2],
    [{ maxRetries: 3 }, 3],
    [{ maxRetries: 0, retries: 7 }, 0],
    [{ maxRetries: 4, retries: 7 }, 4],
  ])('reads %p as maxRetries %i', (given, expected) => {
    expect(resolveOptions(given, {}).maxRetries).toBe(expected);
  });

  it.each([
    [{ maxRetries: -1 }, 'option maxRetries must be a number >= 0, got -1'],
    [{ retries: '3' }, 'option maxRetries must be a number >= 0, got 3'],
    [{ delayFactor: NaN }, 'option delayFactor must be a number >= 0, got NaN'],
    [
      { randomizationFactor: -0.1 },
      'option randomizationFactor must be a number between 0 and 1, got -0.1',
    ],
    [
      { randomizationFactor: 1.5 },
      'option randomizationFactor must be a number between 0 and 1, got 1.5',
    ],
    [{ maxDelay: Infinity }, 'option maxDelay must be a number >= 0, got Infinity'],
    [{ timeout: 0 }, 'option timeout must be a number >= 1, got 0'],
    [{ signedUrlExpiration: '900' }, 'option signedUrlExpiration must be a number >= 1, got 900'],
    [{ authorizedScopes: 'scope:a' }, 'option authorizedScopes must be an array of strings'],
    [{ authorizedScopes: [1] }, 'option authorizedScopes must be an array of strings'],
  ])('rejects %p', (given, message) => {
    expect(() => resolveOptions(given as unknown as ClientOptions, {})).toThrow(message);
    expect(() => resolveOptions(given as unknown as ClientOptions, {})).toThrow(TaskclusterFailure);
  });

  it('refuses fake implementations when NODE_ENV=production', () => {
    expect(() => resolveOptions({ fake: {} }, { NODE_ENV: 'production' })).toThrow(
      'the fake option is refused when NODE_ENV=production',
    );
    expect(resolveOptions({ fake: {} }, { NODE_ENV: 'test' }).fake).toEqual({});
  });

  it("never mutates the caller's options", () => {
    const given: ClientOptions = {
      rootUrl: `${ROOT}/`,
      credentials: { clientId: 'a', accessToken: 'b-token' },
      authorizedScopes: ['s'],
      retries: 1,
    };
    const copy = structuredClone(given);
    const o = resolveOptions(given, ENV);
    expect(given).toEqual(copy);
    expect(Object.isFrozen(given)).toBe(false);
    expect(Object.isFrozen(given.credentials)).toBe(false);
    expect(o.credentials).not.toBe(given.credentials);
    expect(o.authorizedScopes).not.toBe(given.authorizedScopes);
    expect(o.given).not.toBe(given);
  });

  it('returns a frozen result', () => {
    const o = resolveOptions(
      { credentials: { clientId: 'a', accessToken: 'b-token' }, authorizedScopes: ['s'] },
      {},
    );
    expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(o.credentials)).toBe(true);
    expect(Object.isFrozen(o.authorizedScopes)).toBe(true);
    expect(Object.isFrozen(o.given)).toBe(true);
  });

  it('holds as its own properties only what differs from the defaults', () => {
    const o = resolveOptions({ rootUrl: ROOT, timeout: 5 }, {});
    expect(Object.keys(o).sort()).toEqual(['given', 'rootUrl', 'timeout']);
    expect([o.timeout, o.maxRetries, o.referencesCache]).toEqual([5, 5, true]);
    expect(Object.getPrototypeOf(o)).toBe(Object.getPrototypeOf(resolveOptions({}, {})));
  });

  it('shows every field under util.inspect, the accessToken redacted', () => {
    const o = resolveOptions({ credentials: { clientId: 'a', accessToken: 'b-token' } }, {});
    const shown = inspect(o, { depth: 3 });
    expect(shown).toContain('maxRetries: 5');
    expect(shown).toContain("clientId: 'a'");
    expect(shown).not.toContain('b-token');
  });

  it('shares held credentials when resolving options that already hold them (use())', () => {
    const o = resolveOptions({ credentials: { clientId: 'a', accessToken: 'b-token' } }, {});
    const again = resolveOptions({ ...o.given, timeout: 5 }, {});
    expect(again.credentials).toBe(o.credentials);
    expect(again.given.credentials).toBe(o.given.credentials);
  });

  it('keeps the options as given, before the environment', () => {
    expect(resolveOptions({ maxRetries: 1 }, ENV).given).toEqual({ maxRetries: 1 });
  });

  it.each([
    [{ DEBUG_TASKCLUSTER_CLIENT: '1' }, true],
    [{}, false],
  ])('reads debug from %p', (env, expected) => {
    expect(resolveOptions({}, env).debug).toBe(expected);
  });
});

describe('missingRootUrl', () => {
  it('names the option and the variable', () => {
    const error = missingRootUrl('queue.task');
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.message).toBe(
      'queue.task: no rootUrl; pass the rootUrl option or set TASKCLUSTER_ROOT_URL',
    );
  });
});
