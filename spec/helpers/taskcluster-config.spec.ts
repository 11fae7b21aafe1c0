import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { inspect } from 'node:util';
import { startHawkServer, CLIENTS, type HawkServer } from './hawk-server.js';
import { secretsService } from './secrets-service.js';
import { TaskclusterConfig, type CredentialsSource } from '../../lib/helpers/taskcluster-config.js';
import { clientOptions } from '../../lib/client/create-client.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { nth } from './nth.js';
import { methodOf } from './answers.js';

type Env = Record<string, string | undefined>;
const ROOT = 'https://tc.example.test';
const TOKEN = CLIENTS['tester'];
const ENV_CREDS = {
  TASKCLUSTER_CLIENT_ID: 'from-env',
  TASKCLUSTER_ACCESS_TOKEN: 'env-access-token-0123456789',
};

// An env object that records every variable read from it.
function watchedEnv(values: Env): { env: Env; reads: string[] } {
  const reads: string[] = [];
  const env = new Proxy(values, {
    get: (target, key) => {
      reads.push(String(key));
      return target[key as string];
    },
  });
  return { env, reads };
}

describe('TaskclusterConfig', () => {
  it.each<[string, string | undefined, Env, string]>([
    ['the rootUrl given', ROOT, {}, ROOT],
    [
      "the rootUrl given over the environment's",
      ROOT,
      { TASKCLUSTER_ROOT_URL: 'https://env.example.test' },
      ROOT,
    ],
    [
      'TASKCLUSTER_ROOT_URL without a rootUrl',
      undefined,
      { TASKCLUSTER_ROOT_URL: 'https://env.example.test' },
      'https://env.example.test',
    ],
  ])('takes %s', (_title, rootUrl, env, expected) => {
    expect(new TaskclusterConfig(rootUrl, env).rootUrl).toBe(expected);
  });

  it.each<[string, unknown, Env]>([
    ['no rootUrl anywhere', undefined, {}],
    ['an empty rootUrl', '', {}],
    ['a rootUrl that is no string', 42, { TASKCLUSTER_ROOT_URL: ROOT }],
  ])('fails clearly with %s', (_title, rootUrl, env) => {
    const make = () => new TaskclusterConfig(rootUrl as string, env);
    expect(make).toThrow(TaskclusterFailure);
    expect(make).toThrow(
      'TaskclusterConfig: no rootUrl; pass it to the constructor or set TASKCLUSTER_ROOT_URL',
    );
  });
});

describe('TaskclusterConfig.auth', () => {
  const given = { clientId: 'given', accessToken: 'given-access-token-0123456789' };
  const anonymous = { rootUrl: ROOT, credentials: {}, maxRetries: 12 };
  it.each<[string, object, Env, CredentialsSource, object]>([
    [
      'given credentials',
      given,
      ENV_CREDS,
      'given',
      { rootUrl: ROOT, credentials: given, maxRetries: 12 },
    ],
    [
      'given credentials inside a task',
      given,
      { TASK_ID: 'abc' },
      'given',
      { rootUrl: ROOT, credentials: given },
    ],
    [
      'a given certificate',
      { ...given, certificate: '{"version":1}' },
      {},
      'given',
      { credentials: { ...given, certificate: '{"version":1}' } },
    ],
    [
      'environment credentials',
      {},
      ENV_CREDS,
      'environment',
      {
        rootUrl: ROOT,
        credentials: { clientId: 'from-env', accessToken: 'env-access-token-0123456789' },
      },
    ],
    [
      'environment credentials with a certificate',
      {},
      { ...ENV_CREDS, TASKCLUSTER_CERTIFICATE: '{"version":1}' },
      'environment',
      {
        credentials: {
          clientId: 'from-env',
          accessToken: 'env-access-token-0123456789',
          certificate: '{"version":1}',
        },
      },
    ],
    [
      'environment credentials inside a task',
      {},
      { ...ENV_CREDS, TASK_ID: 'abc' },
      'environment',
      { rootUrl: ROOT },
    ],
    [
      'the proxy inside a task',
      {},
      { TASK_ID: 'abc' },
      'proxy',
      { rootUrl: 'http://taskcluster', credentials: {}, maxRetries: 12 },
    ],
    [
      'the proxy at TASKCLUSTER_PROXY_URL',
      {},
      { TASK_ID: 'abc', TASKCLUSTER_PROXY_URL: 'http://127.0.0.1:8080' },
      'proxy',
      { rootUrl: 'http://127.0.0.1:8080', credentials: {} },
    ],
    [
      'the proxy when environment credentials are incomplete',
      {},
      { TASK_ID: 'abc', TASKCLUSTER_CLIENT_ID: 'from-env' },
      'proxy',
      { rootUrl: 'http://taskcluster' },
    ],
    ['no authentication outside a task', {}, {}, 'none', anonymous],
    [
      'no authentication with only an access token in the environment',
      {},
      { TASKCLUSTER_ACCESS_TOKEN: 'x' },
      'none',
      anonymous,
    ],
    ['maxRetries as given', { maxRetries: 3 }, {}, 'none', { ...anonymous, maxRetries: 3 }],
  ])('chooses %s', (_title, options, env, source, expected) => {
    const config = new TaskclusterConfig(ROOT, {}).auth(options, env);
    expect(config.credentialsSource).toBe(source);
    expect(config.options).toMatchObject(expected);
    expect(Object.isFrozen(config.options)).toBe(true);
  });

  it('reads the environment given to the constructor by default', () => {
    const config = new TaskclusterConfig(ROOT, { ...ENV_CREDS }).auth();
    expect(config.options?.credentials).toEqual({
      clientId: 'from-env',
      accessToken: 'env-access-token-0123456789',
    });
  });

  it('reads no environment variable when credentials are given', () => {
    const { env, reads } = watchedEnv({ ...ENV_CREDS, TASK_ID: 'abc' });
    new TaskclusterConfig(ROOT, env).auth(given);
    expect(reads).toEqual([]);
  });

  it('reads the credential variables before the task ones', () => {
    const { env, reads } = watchedEnv({ TASK_ID: 'abc' });
    new TaskclusterConfig(ROOT, env).auth();
    expect(reads.slice(0, 2)).toEqual(['TASKCLUSTER_CLIENT_ID', 'TASKCLUSTER_ACCESS_TOKEN']);
    expect(reads).toContain('TASK_ID');
  });

  it.each([
    ['a clientId alone', { clientId: 'given' }],
    ['an accessToken alone', { accessToken: 'x' }],
    ['an empty clientId', { clientId: '', accessToken: 'x' }],
  ])('refuses %s', (_title, options) => {
    const { env, reads } = watchedEnv({ ...ENV_CREDS });
    const auth = () => new TaskclusterConfig(ROOT, env).auth(options);
    expect(auth).toThrow(
      'TaskclusterConfig.auth: pass both clientId and accessToken, or neither to use the environment',
    );
    expect(reads).toEqual([]);
  });

  it('keeps the accessToken out of inspection', () => {
    const config = new TaskclusterConfig(ROOT, {}).auth(given);
    expect(inspect(config, { depth: 5 })).not.toContain(given.accessToken);
    expect(JSON.stringify(config)).not.toContain(given.accessToken);
  });
});

describe('TaskclusterConfig.getService', () => {
  let server: HawkServer;
  beforeEach(async () => {
    server = await startHawkServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it.each([
    ['queue', 'queue'],
    ['Queue', 'queue'],
    ['worker-manager', 'worker-manager'],
    ['WorkerManager', 'worker-manager'],
    ['workerManager', 'worker-manager'],
    ['worker_manager', 'worker-manager'],
    ['purge_cache', 'purge-cache'],
    ['PurgeCache', 'purge-cache'],
    ['purge-cache', 'purge-cache'],
  ])('builds a working %s client with the chosen credentials', async (name, service) => {
    const config = new TaskclusterConfig(server.rootUrl, {}).auth({
      clientId: 'tester',
      accessToken: TOKEN,
    });
    const client = config.getService(name, { references: 'bundled' });
    await expect(methodOf(client, 'ping')()).resolves.toEqual({ ok: true });
    expect(server.requests[0]).toMatchObject({
      url: `/api/${service}/v1/ping`,
      clientId: 'tester',
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
    expect(clientOptions(client).maxRetries).toBe(12);
  });

  it("calls auth() first when it was not called, with the constructor's environment", async () => {
    const config = new TaskclusterConfig(server.rootUrl, {
      TASKCLUSTER_CLIENT_ID: 'tester',
      TASKCLUSTER_ACCESS_TOKEN: TOKEN,
    });
    await methodOf(config.getService('queue', { references: 'bundled' }), 'ping')();
    expect(config.credentialsSource).toBe('environment');
    expect(nth(server.requests, 0).clientId).toBe('tester');
  });

  it('sends unsigned requests to the proxy inside a task', async () => {
    const config = new TaskclusterConfig('https://tc.example.test', {
      TASK_ID: 'abc',
      TASKCLUSTER_PROXY_URL: server.rootUrl,
    });
    await methodOf(config.getService('purge-cache', { references: 'bundled' }), 'ping')();
    expect(nth(server.requests, 0).url).toBe('/api/purge-cache/v1/ping');
    expect(nth(server.requests, 0).headers.authorization).toBeUndefined();
  });

  it('sends unsigned requests without any credentials', async () => {
    const config = new TaskclusterConfig(server.rootUrl, {});
    await methodOf(config.getService('queue', { references: 'bundled' }), 'ping')();
    expect(nth(server.requests, 0).headers.authorization).toBeUndefined();
    expect(config.credentialsSource).toBe('none');
  });
});

describe('TaskclusterConfig.loadSecrets', () => {
  let server: HawkServer;
  beforeEach(async () => {
    server = await startHawkServer();
    server.script(secretsService);
  });
  afterEach(async () => {
    await server.close();
  });

  it('loads a secret through the secrets service with the chosen credentials and keeps it', async () => {
    const config = new TaskclusterConfig(server.rootUrl, {
      TASKCLUSTER_CLIENT_ID: 'tester',
      TASKCLUSTER_ACCESS_TOKEN: TOKEN,
    });
    const result = await config.loadSecrets('project/app/ci', {
      prefixes: ['common', 'ci'],
      required: ['DEPLOY_KEY'],
    });
    expect(result).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu', DEPLOY_KEY: 'stored-deploy-key' });
    expect(config.secrets).toBe(result);
    expect(server.requests[0]).toMatchObject({
      url: '/api/secrets/v1/secret/project%2Fapp%2Fci',
      clientId: 'tester',
    });
  });

  it('uses local secrets without any request', async () => {
    const config = new TaskclusterConfig(server.rootUrl, {});
    await expect(
      config.loadSecrets(null, { localSecrets: { A: 1 }, existing: { B: 2 } }),
    ).resolves.toEqual({ A: 1, B: 2 });
    expect(server.requests).toHaveLength(0);
  });

  it('fails naming the missing required keys', async () => {
    const config = new TaskclusterConfig(server.rootUrl, {
      TASKCLUSTER_CLIENT_ID: 'tester',
      TASKCLUSTER_ACCESS_TOKEN: TOKEN,
    });
    await expect(
      config.loadSecrets('project/app/ci', { prefixes: ['common'], required: ['A', 'B'] }),
    ).rejects.toThrow('missing required keys A, B in secret "project/app/ci"');
    expect(config.secrets).toBeUndefined();
  });
});
