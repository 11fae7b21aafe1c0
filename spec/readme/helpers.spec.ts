// The README's credentialInformation and "Helpers" examples, verbatim inside each test, with
// assertions after them, against a loopback deployment that verifies Hawk.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startHawkServer, json, type HawkServer, type Reply } from '../helpers/hawk-server.js';
import { authService, type StoredClient } from '../helpers/auth-service.js';
import { secretsService } from '../helpers/secrets-service.js';
import { credentialInformation } from '../../lib/auth/credential-information.js';
import { TaskclusterConfig } from '../../lib/helpers/taskcluster-config.js';
import { loadSecrets } from '../../lib/helpers/load-secrets.js';
import { createClient } from '../../lib/client/create-client.js';
import { nth } from '../helpers/nth.js';
import { methodOf } from '../helpers/answers.js';

const CLIENTS = {
  'project/app': {
    accessToken: 'project-app-token-abcdefghijklmnopqrstuvwxyz',
    scopes: ['secrets:get:project/app/*', 'worker-manager:*'],
    expires: new Date(Date.now() + 24 * 60 * 60 * 1000),
  },
} satisfies Record<string, StoredClient>;
const auth = authService(CLIENTS);
const deployment: Reply = (req, res) => {
  if (req.url.endsWith('/ping')) return json(200, { alive: true })(req, res);
  return req.url.startsWith('/api/auth/') ? auth(req, res) : secretsService(req, res);
};

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer({ clients: CLIENTS });
  server.script(deployment);
});
afterEach(async () => {
  await server.close();
});

describe('README: credentialInformation', () => {
  it('runs the credentialInformation example', async () => {
    const rootUrl = server.rootUrl;
    const credentials = {
      clientId: 'project/app',
      accessToken: CLIENTS['project/app'].accessToken,
    };

    const info = await credentialInformation(rootUrl, credentials);

    expect(info).toEqual({
      clientId: 'project/app',
      type: 'permanent',
      active: true,
      expiry: CLIENTS['project/app'].expires,
      scopes: CLIENTS['project/app'].scopes,
    });
  });
});

describe('README: Helpers', () => {
  it('runs the TaskclusterConfig example', async () => {
    const rootUrl = server.rootUrl;
    const accessToken = CLIENTS['project/app'].accessToken;

    const config = new TaskclusterConfig(rootUrl); // or new TaskclusterConfig() for TASKCLUSTER_ROOT_URL
    config.auth({ clientId: 'project/app', accessToken }); // or config.auth() to look for credentials
    const workerManager = config.getService('worker-manager'); // 'WorkerManager', 'workerManager', 'purge_cache' work too
    const secrets = await config.loadSecrets('project/app/ci', {
      prefixes: ['common', 'ci'],
      required: ['DEPLOY_KEY'],
    });

    // Where auth() looks when given no credentials (the second argument stands in for process.env):
    const a = new TaskclusterConfig(rootUrl).auth(
      {},
      { TASKCLUSTER_CLIENT_ID: 'project/app', TASKCLUSTER_ACCESS_TOKEN: accessToken },
    ).credentialsSource; // 'environment'
    const b = new TaskclusterConfig(rootUrl).auth({}, { TASK_ID: 'fN1SbArXTPSVFNUvaOlinQ' }).options
      ?.rootUrl; // 'http://taskcluster'
    const c = new TaskclusterConfig(rootUrl).auth({}, {}).credentialsSource; // 'none'

    expect(secrets).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu', DEPLOY_KEY: 'stored-deploy-key' });
    expect(server.requests[0]).toMatchObject({
      url: '/api/secrets/v1/secret/project%2Fapp%2Fci',
      clientId: 'project/app',
    });
    await expect(methodOf(workerManager, 'ping')()).resolves.toEqual({ alive: true });
    expect(server.requests[1]).toMatchObject({
      url: '/api/worker-manager/v1/ping',
      clientId: 'project/app',
    });
    expect([a, b, c]).toEqual(['environment', 'http://taskcluster', 'none']);
  });

  it('runs the loadSecrets example', async () => {
    const rootUrl = server.rootUrl;
    const credentials = {
      clientId: 'project/app',
      accessToken: CLIENTS['project/app'].accessToken,
    };

    const values = await loadSecrets(
      createClient('secrets', { rootUrl, credentials }),
      'project/app/ci',
      {
        prefixes: ['common', 'ci'], // omit to merge the whole secret
        required: ['DEPLOY_KEY'], // fails naming every key still missing
        existing: { LOG_LEVEL: 'warn' }, // defaults that the secret overrides
      },
    );

    // Local development: no request at all.
    const local = await loadSecrets(null, null, {
      localSecrets: { ci: { DEPLOY_KEY: 'dev-key' } },
      prefixes: ['ci'],
    });
    // { DEPLOY_KEY: 'dev-key' }

    expect(values).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu', DEPLOY_KEY: 'stored-deploy-key' });
    expect(local).toEqual({ DEPLOY_KEY: 'dev-key' });
    expect(server.requests).toHaveLength(1);
    expect(nth(server.requests, 0).clientId).toBe('project/app');
  });
});
