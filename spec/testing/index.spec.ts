import { describe, it, expect, afterEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { clientOf, rejection } from './sandbox-helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and hands out root credentials that work', async () => {
    sandbox = await startSandbox();
    expect(sandbox.rootUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.rootCredentials).toEqual({
      clientId: 'static/taskcluster/root',
      accessToken: expect.stringMatching(/^[\w-]{44}$/),
    });
    expect(Object.isFrozen(sandbox.rootCredentials)).toBe(true);
    expect(await clientOf(sandbox, 'auth')['currentScopes']()).toEqual({ scopes: ['*'] });
  });

  it('gives every sandbox its own root accessToken and state', async () => {
    sandbox = await startSandbox();
    const other = await startSandbox();
    try {
      expect(other.rootCredentials.accessToken).not.toBe(sandbox.rootCredentials.accessToken);
      await clientOf(sandbox, 'secrets')['set']('s', {
        secret: {},
        expires: new Date(Date.now() + 60000).toJSON(),
      });
      expect((await rejection(clientOf(other, 'secrets')['get']('s'))).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('listens on the port asked for', async () => {
    const probe = await startSandbox();
    const port = Number(new URL(probe.rootUrl).port);
    await probe.close();
    sandbox = await startSandbox({ port });
    expect(sandbox.rootUrl).toBe(`http://127.0.0.1:${String(port)}`);
  });

  it.each<[string, object, RegExp]>([
    ['a port out of range', { port: 70000 }, /port must be an integer/],
    [
      'a client without an accessToken',
      { clients: [{ clientId: 'x', scopes: [] }] },
      /each client needs/,
    ],
    ['a role without scopes', { roles: [{ roleId: 'r' }] }, /each role needs/],
    ['clients that are not an array', { clients: 'x' }, /must be arrays/],
  ])('refuses %s before listening', async (_, options, message) => {
    const err = await rejection(startSandbox(options));
    expect(err).toBeInstanceOf(TaskclusterFailure);
    expect(err.message).toMatch(message);
  });

  it.each<[string, unknown[], RegExp]>([
    ['an unknown method', ['createTasks', 500], /no method "createTasks"/],
    ['a status that is not HTTP', ['createTask', 1000], /status must be an HTTP status/],
    ['zero times', ['createTask', 500, 0], /times must be a positive integer/],
  ])('refuses failNext of %s', async (_, args, message) => {
    const started = await startSandbox();
    sandbox = started;
    expect(() => {
      // Bad arguments on purpose: the call is typed loosely to send them.
      (started.failNext as (...a: unknown[]) => void)(...args);
    }).toThrow(message);
    expect(await clientOf(started, 'queue')['ping']()).toMatchObject({ alive: true });
  });

  it('stops answering once closed', async () => {
    sandbox = await startSandbox();
    const { rootUrl } = sandbox;
    await sandbox.close();
    sandbox = undefined;
    await expect(fetch(`${rootUrl}/api/queue/v1/ping`)).rejects.toThrow();
  });
});
