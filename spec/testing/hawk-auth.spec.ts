import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import Hawk from '@hapi/hawk';
import { createTemporaryCredentials as officialCreate } from 'taskcluster-client';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { clientOf, rejection } from './sandbox-helpers.js';
import { at } from '../helpers/answers.js';

const CI = {
  clientId: 'project/ci',
  accessToken: 'ci-token-0123456789abcdefghijklmnopqrstuv',
  scopes: ['queue:get-task:*', 'auth:current-scopes', 'auth:create-client:project/ci/*'],
};
const HOUR = 60 * 60 * 1000;

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({
    clients: [CI],
    roles: [{ roleId: 'anonymous', scopes: ['auth:current-scopes'] }],
  });
});
afterEach(async () => {
  await sandbox.close();
});

async function hawkGet(
  path: string,
  id: string,
  key: string,
  options: { ext?: string; timestamp?: number } = {},
) {
  const url = `${sandbox.rootUrl}${path}`;
  const { header } = Hawk.client.header(url, 'GET', {
    credentials: { id, key, algorithm: 'sha256' },
    ...options,
  });
  const res = await fetch(url, { headers: { authorization: header } });
  const body: unknown = await res.json();
  return { status: res.status, body };
}

describe('authenticate', () => {
  it('gives the root client scope *', async () => {
    expect(await clientOf(sandbox, 'auth')['currentScopes']()).toEqual({ scopes: ['*'] });
  });

  it('gives a permanent client its scopes plus the anonymous role', async () => {
    const scopes = at(
      await clientOf(sandbox, 'auth', { credentials: CI })['currentScopes'](),
      'scopes',
    );
    expect(scopes).toEqual(expect.arrayContaining([...CI.scopes, 'assume:anonymous']));
  });

  it('rejects a wrong accessToken with 401 AuthenticationFailed', async () => {
    const err = await rejection(
      clientOf(sandbox, 'queue', {
        credentials: { ...CI, accessToken: 'wrong-token-0123456789' },
      })['task']('abc'),
    );
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe('AuthenticationFailed');
    expect(err.message).toMatch(/Bad mac/);
    expect(sandbox.requests.at(-1)).toEqual({
      service: 'queue',
      method: 'task',
      path: '/api/queue/v1/task/abc',
      status: 401,
    });
  });

  it('rejects an unknown clientId', async () => {
    const { status, body } = await hawkGet('/api/queue/v1/task/abc', 'nobody', 'whatever');
    expect(status).toBe(401);
    expect(at(body, 'message')).toMatch(/Unknown credentials/);
  });

  it('rejects a stale timestamp', async () => {
    const { status, body } = await hawkGet(
      '/api/auth/v1/scopes/current',
      CI.clientId,
      CI.accessToken,
      { timestamp: Math.floor(Date.now() / 1000) - 20 * 60 },
    );
    expect(status).toBe(401);
    expect(at(body, 'message')).toMatch(/Stale timestamp/);
  });

  it("accepts temporary credentials from the official client and grants the certificate's scopes", async () => {
    const temp = officialCreate({
      credentials: CI,
      expiry: new Date(Date.now() + HOUR),
      scopes: ['auth:current-scopes'],
    });
    const scopes = at(
      await clientOf(sandbox, 'auth', { credentials: temp })['currentScopes'](),
      'scopes',
    );
    expect(scopes).toEqual(['assume:anonymous', 'auth:current-scopes']);
  });

  it('accepts named temporary credentials and reports their name', async () => {
    const temp = officialCreate({
      credentials: CI,
      clientId: 'project/ci/job-1',
      expiry: new Date(Date.now() + HOUR),
      scopes: ['auth:current-scopes'],
    });
    await clientOf(sandbox, 'auth', { credentials: temp })['currentScopes']();
    expect(sandbox.requests.at(-1)?.clientId).toBe('project/ci/job-1');
  });

  it('rejects an expired certificate', async () => {
    const temp = officialCreate({
      credentials: CI,
      start: new Date(Date.now() - 3 * HOUR),
      expiry: new Date(Date.now() - 2 * HOUR),
      scopes: [],
    });
    const err = await rejection(
      clientOf(sandbox, 'auth', { credentials: temp })['currentScopes'](),
    );
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/ext\.certificate\.expiry < now/);
  });

  it('rejects a certificate whose scopes the issuer lacks', async () => {
    const temp = officialCreate({
      credentials: CI,
      expiry: new Date(Date.now() + HOUR),
      scopes: ['secrets:get:*'],
    });
    const err = await rejection(
      clientOf(sandbox, 'auth', { credentials: temp })['currentScopes'](),
    );
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/doesn't satisfy all certificate scopes/);
  });

  it('restricts the caller to authorizedScopes', async () => {
    const auth = clientOf(sandbox, 'auth', {
      credentials: CI,
      authorizedScopes: ['auth:current-scopes'],
    });
    expect(at(await auth['currentScopes'](), 'scopes')).toEqual([
      'assume:anonymous',
      'auth:current-scopes',
    ]);
    const queue = clientOf(sandbox, 'queue', {
      credentials: CI,
      authorizedScopes: ['queue:get-task:mine'],
    });
    const err = await rejection(queue['task']('theirs'));
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('InsufficientScopes');
    expect(err.message).toMatch(/queue:get-task:theirs/);
  });

  it('rejects authorizedScopes beyond the client scopes', async () => {
    const err = await rejection(
      clientOf(sandbox, 'auth', {
        credentials: CI,
        authorizedScopes: ['secrets:get:x'],
      })['currentScopes'](),
    );
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/do not satisfy authorizedScopes/);
  });

  it('rejects an ext that is not base64 JSON', async () => {
    const { status, body } = await hawkGet(
      '/api/auth/v1/scopes/current',
      CI.clientId,
      CI.accessToken,
      { ext: 'not json' },
    );
    expect(status).toBe(401);
    expect(at(body, 'message')).toMatch(/ext is not base64-encoded JSON/);
  });

  it('gives unauthenticated calls the anonymous role', async () => {
    const scopes = at(
      await clientOf(sandbox, 'auth', { credentials: {} })['currentScopes'](),
      'scopes',
    );
    expect(scopes).toEqual(['assume:anonymous', 'auth:current-scopes']);
    expect(sandbox.requests.at(-1)).not.toHaveProperty('clientId');
  });

  it('accepts a bewit on a signed URL', async () => {
    const url = clientOf(sandbox, 'auth', { credentials: CI }).buildSignedUrl('currentScopes', {
      expiration: 60,
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(sandbox.requests.at(-1)).toMatchObject({
      clientId: CI.clientId,
      path: '/api/auth/v1/scopes/current',
    });
  });

  it('rejects an expired bewit', async () => {
    const url = `${sandbox.rootUrl}/api/auth/v1/scopes/current`;
    const bewit = Hawk.client.getBewit(url, {
      credentials: { id: CI.clientId, key: CI.accessToken, algorithm: 'sha256' },
      ttlSec: 60,
      localtimeOffsetMsec: -2 * HOUR,
    });
    const res = await fetch(`${url}?bewit=${bewit}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'AuthenticationFailed',
      message: expect.stringMatching(/Access expired/),
    });
  });

  it('carries a certificate in a bewit', async () => {
    const temp = officialCreate({
      credentials: CI,
      expiry: new Date(Date.now() + HOUR),
      scopes: ['auth:current-scopes'],
    });
    const url = clientOf(sandbox, 'auth', { credentials: temp }).buildSignedUrl('currentScopes', {
      expiration: 60,
    });
    const res = await fetch(url);
    expect(await res.json()).toEqual({ scopes: ['assume:anonymous', 'auth:current-scopes'] });
  });
});
