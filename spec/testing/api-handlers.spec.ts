import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { clientOf, rejection, taskDefinition } from './sandbox-helpers.js';
import { getResponse } from 'msw';
import { apiHandlers, type Operation } from '../../lib/testing/api-handlers.js';
import { createClientDirectory } from '../../lib/testing/clients.js';
import { jsonResponse } from '../../lib/testing/responses.js';
import type { ApiReference } from '../../lib/references/types.js';
import { at, methodOf } from '../helpers/answers.js';

const READER = {
  clientId: 'reader',
  accessToken: 'reader-token-0123456789abcdefghijklmnop',
  scopes: ['queue:get-task:*'],
};
const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ clients: [READER] });
});
afterEach(async () => {
  await sandbox.close();
});

describe('apiHandlers', () => {
  it('answers the next calls of a method with the failNext status, then normally', async () => {
    const queue = clientOf(sandbox, 'queue');
    sandbox.failNext('createTask', 503, 2);
    for (let i = 0; i < 2; i++) {
      const err = await rejection(queue['createTask'](TASK_ID, taskDefinition()));
      expect(err.statusCode).toBe(503);
      expect(err.code).toBe('ServiceUnavailable');
    }
    expect(at(await queue['createTask'](TASK_ID, taskDefinition()), 'status', 'state')).toBe(
      'pending',
    );
    expect(sandbox.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('lets a client retry through an injected failure', async () => {
    sandbox.failNext('queue.ping', 500);
    const queue = clientOf(sandbox, 'queue', { maxRetries: 2, delayFactor: 1 });
    expect(await queue['ping']()).toMatchObject({ alive: true });
    expect(sandbox.requests.map((r) => `${r.method} ${String(r.status)}`)).toEqual([
      'ping 500',
      'ping 200',
    ]);
  });

  it('scopes a service-qualified fault to that service', async () => {
    sandbox.failNext('secrets.ping', 500);
    expect(await clientOf(sandbox, 'index')['ping']()).toMatchObject({ alive: true });
    expect((await rejection(clientOf(sandbox, 'secrets')['ping']())).statusCode).toBe(500);
  });

  it('answers 501 NotImplementedInSandbox naming a method the sandbox lacks', async () => {
    const err = await rejection(clientOf(sandbox, 'queue')['listProvisioners']());
    expect(err.statusCode).toBe(501);
    expect(err.code).toBe('NotImplementedInSandbox');
    expect(err.message).toMatch(/queue\.listProvisioners is not implemented/);
  });

  it('answers ping on every service', async () => {
    for (const name of ['auth', 'hooks', 'purge-cache', 'worker-manager']) {
      expect(await methodOf(clientOf(sandbox, name), 'ping')()).toMatchObject({ alive: true });
    }
  });

  it('answers 404 for an unknown service and an unknown path', async () => {
    const unknown = await fetch(`${sandbox.rootUrl}/api/nonesuch/v1/ping`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      code: 'ResourceNotFound',
      message: expect.stringMatching(/no service named "nonesuch"/),
    });
    const path = await fetch(`${sandbox.rootUrl}/api/queue/v1/no/such/route`);
    expect(path.status).toBe(404);
    expect(await path.json()).toMatchObject({
      message: expect.stringMatching(/queue has no method at GET/),
    });
  });

  it('refuses a payload that is not JSON', async () => {
    const res = await fetch(`${sandbox.rootUrl}/api/queue/v1/task/${TASK_ID}`, {
      method: 'PUT',
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'MalformedPayload' });
  });

  it('answers 403 InsufficientScopes naming the missing expression, with requestInfo', async () => {
    const queue = clientOf(sandbox, 'queue', { credentials: READER });
    const err = await rejection(
      queue['createTask'](TASK_ID, taskDefinition({ routes: ['index.x'] })),
    );
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('InsufficientScopes');
    expect(err.message).toMatch(/Client ID reader does not have sufficient scopes/);
    expect(err.message).toMatch(/"queue:route:index\.x"/);
    expect(err.message).toMatch(/"queue:create-task:project:none"/);
    expect(at(err.body, 'requestInfo')).toMatchObject({
      method: 'createTask',
      params: { taskId: TASK_ID },
    });
  });

  it('checks scopes that come from the payload', async () => {
    const creator = {
      clientId: 'creator',
      accessToken: 'creator-token-0123456789abcdefghijklm',
      scopes: [
        'queue:create-task:project:none',
        'queue:scheduler-id:-',
        'queue:create-task:high:proj/ci-worker',
      ],
    };
    await sandbox.close();
    sandbox = await startSandbox({ clients: [creator] });
    const queue = clientOf(sandbox, 'queue', { credentials: creator });
    expect(
      at(
        await queue['createTask'](TASK_ID, taskDefinition({ priority: 'low' })),
        'status',
        'taskId',
      ),
    ).toBe(TASK_ID);
    const err = await rejection(
      queue['createTask']('aN1SbArXTPSVFNUvaOlinQ', taskDefinition({ priority: 'very-high' })),
    );
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(/queue:create-task:very-high:proj\/ci-worker/);
  });

  it('records calls without any token or bewit', async () => {
    const reader = clientOf(sandbox, 'queue', { credentials: READER });
    await reader['task'](TASK_ID).catch(() => undefined);
    const url = clientOf(sandbox, 'queue', { credentials: READER }).buildSignedUrl(
      'task',
      TASK_ID,
      { expiration: 60 },
    );
    await fetch(url);
    expect(sandbox.requests).toEqual([
      {
        service: 'queue',
        method: 'task',
        path: `/api/queue/v1/task/${TASK_ID}`,
        clientId: 'reader',
        status: 404,
      },
      {
        service: 'queue',
        method: 'task',
        path: `/api/queue/v1/task/${TASK_ID}`,
        clientId: 'reader',
        status: 404,
      },
    ]);
    expect(JSON.stringify(sandbox.requests)).not.toContain(READER.accessToken);
  });
});

describe('OperationContext.param', () => {
  const reference: ApiReference = {
    serviceName: 'demo',
    apiVersion: 'v1',
    entries: [{ type: 'function', name: 'get', method: 'get', route: '/thing/<id>', args: ['id'] }],
  } as unknown as ApiReference; // a minimal reference: only what the router reads
  const handlersWith = (operation: Operation) =>
    apiHandlers([reference], {
      directory: createClientDirectory(),
      requests: [],
      operations: { demo: { get: operation } },
    });
  const get = (operation: Operation) =>
    getResponse(handlersWith(operation), new Request('https://sandbox/api/demo/v1/thing/a%2Fb'));

  it('returns the decoded URL parameter of the matched route', async () => {
    const res = await get((ctx) => {
      ctx.authorize();
      return jsonResponse({ id: ctx.param('id') });
    });
    expect(await res?.json()).toEqual({ id: 'a/b' });
  });

  it('answers 500 naming a parameter the route does not have', async () => {
    const res = await get((ctx) => {
      ctx.authorize();
      return jsonResponse({ id: ctx.param('taskId') });
    });
    expect(res?.status).toBe(500);
    expect(await res?.json()).toMatchObject({
      code: 'InternalServerError',
      message: expect.stringContaining('get has no parameter taskId'),
    });
  });
});
