// The official client's module surface on our default export: every name of its index, the
// client classes, fromEnvVars, config(), and credentialInformation without an accessToken.
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { IMPLEMENTATIONS } from './implementations.js';
import { nth } from '../helpers/nth.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';

const ours = nth(IMPLEMENTATIONS, 0)[1].module;
const official = nth(IMPLEMENTATIONS, 1)[1].module;
const memberOf = (module: object, key: string): unknown => Reflect.get(module, key);
function clientsOf(module: object): object {
  const clients = memberOf(module, 'clients');
  if (typeof clients !== 'object' || clients === null) throw new Error('expected clients');
  return clients;
}
// `default` is an accident of the official index (a spread module's default export); bundlers
// read a `default` key as the module itself, so the drop-in leaves it out (README: differences).
const LEFT_OUT = new Set(['default']);

describe('the default export', () => {
  it.each(Object.keys(official).filter((k) => !LEFT_OUT.has(k)))(
    'has %s, of the same kind',
    (key) => {
      expect(typeof memberOf(ours, key)).toBe(typeof memberOf(official, key));
    },
  );

  it('lists the official client classes under clients', () => {
    expect(Object.keys(clientsOf(ours))).toEqual(
      expect.arrayContaining(Object.keys(clientsOf(official))),
    );
    expect(memberOf(clientsOf(ours), 'Queue')).toBe(memberOf(ours, 'Queue'));
  });
});

describe.each(IMPLEMENTATIONS)('fromEnvVars of %s', (_name, taskcluster) => {
  const saved = { ...process.env };
  afterAll(() => {
    for (const key of ['TASKCLUSTER_ROOT_URL', 'TASKCLUSTER_CLIENT_ID', 'TASKCLUSTER_ACCESS_TOKEN'])
      if (saved[key] === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = saved[key];
  });

  it('gives only what the environment sets', () => {
    delete process.env['TASKCLUSTER_ROOT_URL'];
    delete process.env['TASKCLUSTER_CLIENT_ID'];
    process.env['TASKCLUSTER_ACCESS_TOKEN'] = 'no-secret';
    expect(taskcluster.fromEnvVars()).toEqual({ credentials: { accessToken: 'no-secret' } });
    process.env['TASKCLUSTER_ROOT_URL'] = 'https://tc.example.com';
    delete process.env['TASKCLUSTER_ACCESS_TOKEN'];
    expect(taskcluster.fromEnvVars()).toEqual({ rootUrl: 'https://tc.example.com' });
  });
});

describe.each(IMPLEMENTATIONS)('credentialInformation of %s', (_name, taskcluster) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      clients: [{ clientId: 'project/ci', accessToken: 'project-ci-token-123', scopes: ['a:b'] }],
      roles: [{ roleId: 'anonymous', scopes: ['auth:current-scopes', 'auth:get-client:*'] }],
    });
  });
  afterAll(() => sandbox.close());

  it('describes credentials given without an accessToken, with the anonymous scopes', async () => {
    const info = await taskcluster.credentialInformation(sandbox.rootUrl, {
      clientId: 'project/ci',
    });
    expect(info).toEqual({
      clientId: 'project/ci',
      type: 'permanent',
      active: true,
      expiry: expect.any(Date),
      scopes: ['assume:anonymous', 'auth:current-scopes', 'auth:get-client:*'],
    });
  });
});
