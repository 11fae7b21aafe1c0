import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { createTemporaryCredentials, fromNow } from '../../../lib/index.js';
import { clientOf, rejection } from '../sandbox-helpers.js';

const TESTER = { clientId: 'tester', accessToken: 'no-secret' };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const auth = (options: object = {}) =>
  clientOf(sandbox, 'auth', { credentials: TESTER, ...options });

describe('authTestOperations', () => {
  it('authenticates tester with the clientScopes given and reports its scopes', async () => {
    await expect(
      auth({ authorizedScopes: ['scopes:specific', 'scopes:another'] })['testAuthenticate']({
        clientScopes: ['scopes:*'],
        requiredScopes: ['scopes:specific'],
      }),
    ).resolves.toEqual({
      clientId: 'tester',
      scopes: ['assume:anonymous', 'scopes:specific', 'scopes:another'],
    });
  });

  it('answers 401 AuthenticationFailed for a wrong accessToken', async () => {
    const error = await rejection(
      auth({ credentials: { ...TESTER, accessToken: 'wrong' } })['testAuthenticate']({
        clientScopes: [],
        requiredScopes: [],
      }),
    );
    expect(error).toMatchObject({ statusCode: 401, code: 'AuthenticationFailed' });
  });

  it('answers 403 InsufficientScopes when the requiredScopes are not held', async () => {
    const error = await rejection(
      auth()['testAuthenticate']({ clientScopes: ['some-scope'], requiredScopes: ['another'] }),
    );
    expect(error).toMatchObject({ statusCode: 403, code: 'InsufficientScopes' });
  });

  it("reports a named temporary credential's name and certificate scopes", async () => {
    const credentials = createTemporaryCredentials({
      credentials: TESTER,
      clientId: 'my-temp-cred',
      expiry: fromNow('1 hour'),
      scopes: ['scopes:specific'],
    });
    await expect(
      auth({ credentials })['testAuthenticate']({
        clientScopes: ['scopes:*', 'auth:create-client:my-temp-cred'],
        requiredScopes: ['scopes:specific'],
      }),
    ).resolves.toEqual({
      clientId: 'my-temp-cred',
      scopes: ['assume:anonymous', 'scopes:specific'],
    });
  });

  it('serves testAuthenticateGet to a signed URL and refuses an expired one', async () => {
    const client = auth();
    const fresh = await fetch(client.buildSignedUrl(client['testAuthenticateGet']));
    expect(await fresh.json()).toEqual({
      clientId: 'tester',
      scopes: ['assume:anonymous', 'test:*', 'auth:create-client:test:*'],
    });
    const expired = await fetch(
      client.buildSignedUrl(client['testAuthenticateGet'], { expiration: -600 }),
    );
    expect(expired.status).toBe(401);
  });
});
