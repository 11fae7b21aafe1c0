// The Python client's expectations (its test suite's facts), in our calling conventions: calls
// with permanent and temporary credentials, authorizedScopes and signed URLs against the
// auth service's test endpoints (the sandbox's), and its retry and failure behaviour.
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { MockAgent } from 'undici';
import {
  createClient,
  createTemporaryCredentials,
  fromNow,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  TaskclusterRestFailure,
  type ClientOptions,
} from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { rejectionOf } from '../helpers/answers.js';

const TESTER = { clientId: 'tester', accessToken: 'no-secret' };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const auth = (options: ClientOptions = {}) =>
  createClient('auth', {
    rootUrl: sandbox.rootUrl,
    references: 'bundled',
    maxRetries: 0,
    ...options,
  });
const temporary = (scopes: string[], name?: string) =>
  createTemporaryCredentials(
    TESTER.clientId,
    TESTER.accessToken,
    new Date(),
    fromNow('1 hour'),
    scopes,
    name,
  );

describe('the Python client expectations: credentials', () => {
  it.each([
    [
      'permanent credentials',
      { credentials: TESTER },
      ['test:a'],
      ['test:a'],
      'tester',
      ['assume:anonymous', 'test:a'],
    ],
    [
      'permanent credentials with authorizedScopes',
      { credentials: TESTER, authorizedScopes: ['test:a', 'test:b'] },
      ['test:*'],
      ['test:a'],
      'tester',
      ['assume:anonymous', 'test:a', 'test:b'],
    ],
    [
      'temporary credentials',
      () => ({ credentials: temporary(['test:xyz']) }),
      ['test:*'],
      ['test:xyz'],
      'tester',
      ['assume:anonymous', 'test:xyz'],
    ],
    [
      'named temporary credentials',
      () => ({ credentials: temporary(['test:xyz'], 'credName') }),
      ['test:*', 'auth:create-client:credName'],
      ['test:xyz'],
      'credName',
      ['assume:anonymous', 'test:xyz'],
    ],
    [
      'temporary credentials with authorizedScopes',
      () => ({ credentials: temporary(['test:xyz:*']), authorizedScopes: ['test:xyz:abc'] }),
      ['test:*'],
      ['test:xyz:abc'],
      'tester',
      ['assume:anonymous', 'test:xyz:abc'],
    ],
    [
      'named temporary credentials with authorizedScopes',
      () => ({
        credentials: temporary(['test:xyz:*'], 'credName'),
        authorizedScopes: ['test:xyz:abc'],
      }),
      ['test:*', 'auth:create-client:credName'],
      ['test:xyz:abc'],
      'credName',
      ['assume:anonymous', 'test:xyz:abc'],
    ],
  ])('authenticates %s', async (_what, options, clientScopes, requiredScopes, clientId, scopes) => {
    const given = typeof options === 'function' ? options() : options;
    await expect(
      auth(given as ClientOptions)['testAuthenticate']({ clientScopes, requiredScopes }),
    ).resolves.toEqual({
      clientId,
      scopes,
    });
  });

  it('fails with a TaskclusterRestFailure when the scopes do not suffice', async () => {
    const call = auth({ credentials: TESTER })['testAuthenticate']({
      clientScopes: ['test:*'],
      requiredScopes: ['something-more'],
    });
    await expect(call).rejects.toBeInstanceOf(TaskclusterRestFailure);
  });

  it('calls a method that needs no scopes without credentials', async () => {
    await expect(auth({ credentials: {} })['ping']()).resolves.toMatchObject({ alive: true });
    expect(sandbox.requests.at(-1)).not.toHaveProperty('clientId');
  });

  it.each([
    [
      'permanent credentials',
      () => TESTER,
      ['assume:anonymous', 'test:*', 'auth:create-client:test:*'],
    ],
    ['temporary credentials', () => temporary(['test:*']), ['assume:anonymous', 'test:*']],
  ])('signs URLs with %s that the service accepts', async (_what, credentials, scopes) => {
    const client = auth({ credentials: credentials() });
    const answer = await fetch(client.buildSignedUrl(client['testAuthenticateGet']));
    expect(await answer.json()).toEqual({ clientId: 'tester', scopes });
  });

  it('signs URLs with bad credentials that the service refuses with 401', async () => {
    const client = auth({ credentials: { ...TESTER, accessToken: 'wrong-secret' } });
    expect((await fetch(client.buildSignedUrl(client['testAuthenticateGet']))).status).toBe(401);
  });

  it('refuses credentials that cannot be sent in a header, before sending', () => {
    const before = sandbox.requests.length;
    // Refused when the client is made, as the Python client refuses it.
    const make = () => auth({ credentials: { clientId: '\u{1F4A9}', accessToken: '\u{1F4A9}' } });
    expect(make).toThrow(expect.objectContaining({ code: 'InvalidCredentials' }));
    expect(sandbox.requests).toHaveLength(before);
  });
});

describe('the Python client expectations: retries', () => {
  const ROOT_URL = 'https://tc.example.com';
  const client = (agent: MockAgent) =>
    createClient('auth', {
      rootUrl: ROOT_URL,
      references: 'bundled',
      dispatcher: agent,
      delayFactor: 1,
    });
  const agentWith = (...statuses: number[]) => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    for (const status of statuses)
      agent
        .get(ROOT_URL)
        .intercept({ path: '/api/auth/v1/ping', method: 'GET' })
        .reply(
          status,
          { message: 'msg', status },
          { headers: { 'content-type': 'application/json' } },
        );
    return agent;
  };

  it('succeeds on the fifth try after four 5xx answers', async () => {
    const agent = agentWith(500, 500, 500, 500, 200);
    await expect(client(agent)['ping']()).resolves.toEqual({ message: 'msg', status: 200 });
    expect(agent.pendingInterceptors()).toHaveLength(0);
  });

  it('exhausts maxRetries (5) and fails with the last answer: message, statusCode, body', async () => {
    const agent = agentWith(500, 500, 500, 500, 500, 500);
    const error = await rejectionOf(client(agent).ping(), TaskclusterRestFailure);
    expect(error).toMatchObject({
      message: 'msg',
      statusCode: 500,
      body: { message: 'msg', status: 500 },
    });
    expect(agent.pendingInterceptors()).toHaveLength(0);
  });

  it('does not retry a 4xx answer', async () => {
    const agent = agentWith(403, 200);
    await expect(client(agent)['ping']()).rejects.toBeInstanceOf(TaskclusterAuthFailure);
    expect(agent.pendingInterceptors()).toHaveLength(1);
  });

  it('fails with a TaskclusterConnectionError after retrying lost connections', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ROOT_URL)
      .intercept({ path: '/api/auth/v1/ping', method: 'GET' })
      .replyWithError(new Error('reset'))
      .times(6);
    await expect(client(agent)['ping']()).rejects.toBeInstanceOf(TaskclusterConnectionError);
    expect(agent.pendingInterceptors()).toHaveLength(0);
  });
});
