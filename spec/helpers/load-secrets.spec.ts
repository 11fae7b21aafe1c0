import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startHawkServer, CLIENTS, type HawkServer } from './hawk-server.js';
import { secretsService, STORED_SECRETS as STORED } from './secrets-service.js';
import { loadSecrets, type LoadSecretsOptions } from '../../lib/helpers/load-secrets.js';
import { createClient } from '../../lib/client/create-client.js';
import { TaskclusterFailure, TaskclusterRestFailure } from '../../lib/errors.js';
import { nth } from './nth.js';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
  server.script(secretsService);
});
afterEach(async () => {
  await server.close();
});

const secrets = () =>
  createClient('secrets', {
    rootUrl: server.rootUrl,
    credentials: { clientId: 'tester', accessToken: CLIENTS['tester'] },
    references: 'bundled',
    maxRetries: 0,
  });

describe('loadSecrets', () => {
  it('merges the whole secret over the existing values, through a Hawk-verified request', async () => {
    const existing = { API_URL: 'http://localhost', EXTRA: 1 };
    const result = await loadSecrets(secrets(), 'project/app/ci', { existing });
    expect(result).toEqual({ ...existing, ...STORED['project/app/ci'] });
    expect(existing).toEqual({ API_URL: 'http://localhost', EXTRA: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: '/api/secrets/v1/secret/project%2Fapp%2Fci',
      clientId: 'tester',
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('merges only the sections named by prefixes, in order', async () => {
    const result = await loadSecrets(secrets(), 'project/app/ci', {
      prefixes: ['common', 'ci', 'absent'],
      existing: { REGION: 'us', OWN: true },
    });
    expect(result).toEqual({
      REGION: 'eu',
      OWN: true,
      LOG_LEVEL: 'debug',
      DEPLOY_KEY: 'stored-deploy-key',
    });
  });

  it('fails naming every missing required key, and no secret value', async () => {
    const error = (await loadSecrets(secrets(), 'project/app/ci', {
      prefixes: ['common'],
      required: ['LOG_LEVEL', 'API_TOKEN', 'DEPLOY_KEY'],
    }).catch((e: unknown) => e)) as TaskclusterFailure & { missing: string[] };
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.message).toMatch(
      /missing required keys API_TOKEN, DEPLOY_KEY in secret "project\/app\/ci" \(prefixes common\)/,
    );
    expect(error).toMatchObject({ code: 'MissingSecrets', missing: ['API_TOKEN', 'DEPLOY_KEY'] });
    expect(error.message).not.toMatch(/info|eu|stored-/);
  });

  it("passes the service's error on", async () => {
    const error = await loadSecrets(secrets(), 'project/app/none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskclusterRestFailure);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('fails clearly when a prefix names a section that is not an object', async () => {
    await expect(
      loadSecrets(secrets(), 'project/app/ci', { prefixes: ['notAnObject'] }),
    ).rejects.toThrow('section "notAnObject" of secret "project/app/ci" is not an object');
  });

  it('uses local secrets without any request, even with a secrets client at hand', async () => {
    const result = await loadSecrets(secrets(), 'project/app/ci', {
      localSecrets: { ci: { A: 1 }, B: 2 },
      prefixes: ['ci'],
    });
    expect(result).toEqual({ A: 1 });
    expect(server.requests).toHaveLength(0);
  });

  const LOCAL = {
    TOKEN: 't',
    common: { LEVEL: 'info', REGION: 'eu' },
    ci: { LEVEL: 'debug' },
    empty: null,
  };
  it.each<[string, LoadSecretsOptions, Record<string, unknown>]>([
    ['everything when no prefixes', {}, LOCAL],
    ['everything when prefixes is empty', { prefixes: [] }, LOCAL],
    ['one section', { prefixes: ['common'] }, { LEVEL: 'info', REGION: 'eu' }],
    [
      'later sections over earlier ones',
      { prefixes: ['common', 'ci'] },
      { LEVEL: 'debug', REGION: 'eu' },
    ],
    [
      'earlier sections over later ones when listed so',
      { prefixes: ['ci', 'common'] },
      { LEVEL: 'info', REGION: 'eu' },
    ],
    ['nothing for absent or null sections', { prefixes: ['absent', 'empty'] }, {}],
    [
      'existing values under the secret',
      { existing: { TOKEN: 'old', KEEP: 1 }, prefixes: [] },
      { ...LOCAL, KEEP: 1 },
    ],
    [
      'existing values kept beside sections',
      { existing: { REGION: 'us', KEEP: 1 }, prefixes: ['ci'] },
      { REGION: 'us', KEEP: 1, LEVEL: 'debug' },
    ],
    [
      'required keys found in existing values',
      { existing: { KEEP: 1 }, prefixes: ['ci'], required: ['KEEP', 'LEVEL'] },
      { KEEP: 1, LEVEL: 'debug' },
    ],
    [
      'required keys present with a null value',
      { localSecrets: { A: null }, required: ['A'] },
      { A: null },
    ],
  ])('merges %s', async (_title, options, expected) => {
    await expect(loadSecrets(null, null, { localSecrets: LOCAL, ...options })).resolves.toEqual(
      expected,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('keeps keys named __proto__ as data', async () => {
    const localSecrets = JSON.parse('{"__proto__": {"polluted": true}, "A": 1}') as Record<
      string,
      unknown
    >;
    const result = await loadSecrets(null, null, { localSecrets });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names the local secrets when a required key is missing from them', async () => {
    await expect(loadSecrets(null, null, { localSecrets: {}, required: ['ONLY'] })).rejects.toThrow(
      'missing required key ONLY in the local secrets',
    );
  });

  it.each([
    ['options that are not an object', 'project/app/ci', 'x', /options must be an object/],
    [
      'prefixes that are not an array',
      'project/app/ci',
      { prefixes: 'ci' },
      /options.prefixes must be an array of strings/,
    ],
    [
      'a required key that is not a string',
      'project/app/ci',
      { required: ['A', 1] },
      /options.required must be an array of strings/,
    ],
    [
      'existing values that are an array',
      'project/app/ci',
      { existing: [] },
      /options.existing must be an object/,
    ],
    [
      'local secrets that are a string',
      'project/app/ci',
      { localSecrets: '{}' },
      /options.localSecrets must be an object/,
    ],
    [
      'no name and no local secrets',
      '',
      {},
      /name must be a non-empty string \(or pass options.localSecrets\)/,
    ],
  ])('refuses %s before sending anything', async (_title, name, options, message) => {
    const call = loadSecrets(secrets(), name, options as never);
    await expect(call).rejects.toThrow(TaskclusterFailure);
    await expect(call).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a missing secrets client when it needs one', async () => {
    await expect(loadSecrets(undefined, 'project/app/ci')).rejects.toThrow(
      /secretsService must be a secrets client/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
