import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createClient } from '../../lib/index.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { checkCredentialFields } from '../../lib/auth/credential-shape.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('checkCredentialFields', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'a "clientId:token" string',
      'id:token',
      /must be an object .*not a "clientId:accessToken" string/,
    ],
    ['a number', 42, /must be an object .*got number/],
    ['an array', ['id', 'token'], /must be an object .*got an array/],
    ['null', null, /must be an object .*got null/],
    [
      'a numeric accessToken',
      { clientId: 'c', accessToken: 123 },
      /accessToken must be a non-empty string, got number/,
    ],
    [
      'an empty clientId',
      { clientId: '', accessToken: 't' },
      /clientId must be a non-empty string/,
    ],
    ['a clientId without accessToken', { clientId: 'c' }, /accessToken is missing/],
    [
      'a clientId beyond ASCII',
      { clientId: '\u{1F4A9}', accessToken: '\u{1F4A9}' },
      /clientId must be printable ASCII without " or \\ \(it is sent in the Authorization header\)/,
    ],
    [
      'a clientId with a quote',
      { clientId: 'a"b', accessToken: 't' },
      /clientId must be printable ASCII/,
    ],
    [
      'an accessToken without clientId',
      { accessToken: 'secret-token-value' },
      /clientId is missing/,
    ],
    [
      'a numeric certificate',
      { clientId: 'c', accessToken: 't', certificate: 5 },
      /certificate must be a JSON string or an object/,
    ],
  ])('refuses %s', (_what, value, message) => {
    const check = () => {
      checkCredentialFields('option credentials', value);
    };
    expect(check).toThrow(TaskclusterFailure);
    expect(check).toThrow(message);
  });

  it.each([
    undefined,
    {},
    { clientId: 'c', accessToken: 't' },
    { clientId: 'c', accessToken: 't', certificate: '{}' },
    { clientId: 'project/ci:a b|c!@+~', accessToken: '\u{1F4A9}' },
  ])('accepts %j', (value) => {
    expect(() => {
      checkCredentialFields('option credentials', value);
    }).not.toThrow();
  });
});

describe('createClient with credentials that cannot sign', () => {
  it.each<[string, unknown]>([
    ['{accessToken: 123}', { clientId: 'c', accessToken: 123 }],
    ["'id:token'", 'id:token'],
    ['a number', 7],
    ['an array', ['a']],
    ['a clientId without accessToken', { clientId: 'static/taskcluster/root' }],
  ])(
    'fails at creation for %s, sending nothing and never going anonymous',
    (_what, credentials) => {
      const before = sandbox.requests.length;
      const make = () =>
        createClient('queue', { rootUrl: sandbox.rootUrl, credentials: credentials as never });
      expect(make).toThrow(TaskclusterFailure);
      expect(make).toThrow(/option credentials/);
      expect(sandbox.requests.length).toBe(before);
    },
  );

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['references: 123', { references: 123 }, /option references must be/],
    ['references: true', { references: true }, /option references must be/],
    ['dispatcher: {}', { dispatcher: {} }, /option dispatcher must be an undici Dispatcher/],
  ])('fails at creation for %s', (_what, options, message) => {
    const make = () => createClient('queue', { rootUrl: sandbox.rootUrl, ...options });
    expect(make).toThrow(TaskclusterFailure);
    expect(make).toThrow(message);
  });
});
