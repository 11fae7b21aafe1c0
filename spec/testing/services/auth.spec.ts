import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection } from '../sandbox-helpers.js';
import { at, recordAt } from '../../helpers/answers.js';

const ROLES = [
  { roleId: 'project:ci', scopes: ['queue:create-task:*', 'assume:worker:ci'] },
  { roleId: 'worker:*', scopes: ['secrets:get:worker/*'] },
];

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ roles: ROLES });
});
afterEach(async () => {
  await sandbox.close();
});

describe('authOperations', () => {
  it('expands scopes over the roles given at start', async () => {
    expect(
      await clientOf(sandbox, 'auth')['expandScopes']({ scopes: ['assume:project:ci'] }),
    ).toEqual({
      scopes: [
        'assume:project:ci',
        'assume:worker:ci',
        'queue:create-task:*',
        'secrets:get:worker/*',
      ],
    });
  });

  it('gives the scopes of a client holding a role, expanded', async () => {
    const member = {
      clientId: 'm',
      accessToken: 'm-token-0123456789abcdefghijklmnopqrstu',
      scopes: ['assume:project:ci', 'auth:current-scopes'],
    };
    await sandbox.close();
    sandbox = await startSandbox({ roles: ROLES, clients: [member] });
    const scopes = at(
      await clientOf(sandbox, 'auth', { credentials: member })['currentScopes'](),
      'scopes',
    );
    expect(scopes).toEqual(expect.arrayContaining(['queue:create-task:*', 'secrets:get:worker/*']));
  });

  it('describes the root client', async () => {
    const client = recordAt(
      await clientOf(sandbox, 'auth')['client'](sandbox.rootCredentials.clientId),
    );
    expect(client).toMatchObject({
      clientId: 'static/taskcluster/root',
      scopes: ['*'],
      expandedScopes: ['*'],
      disabled: false,
    });
    expect(Object.keys(client).sort()).toEqual([
      'clientId',
      'created',
      'deleteOnExpiration',
      'description',
      'disabled',
      'expandedScopes',
      'expires',
      'lastDateUsed',
      'lastModified',
      'lastRotated',
      'scopes',
    ]);
    expect(JSON.stringify(client)).not.toContain(sandbox.rootCredentials.accessToken);
  });

  it('answers 404 for an unknown client', async () => {
    expect((await rejection(clientOf(sandbox, 'auth')['client']('nobody'))).statusCode).toBe(404);
  });
});
