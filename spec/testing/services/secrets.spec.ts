import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection } from '../sandbox-helpers.js';
import { stringAt } from '../../helpers/answers.js';

const later = () => new Date(Date.now() + 60 * 60 * 1000).toJSON();

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe('secretsOperations', () => {
  it('sets, gets and removes a secret', async () => {
    const secrets = clientOf(sandbox, 'secrets');
    const expires = later();
    expect(await secrets['set']('project/ci/token', { secret: { token: 'abc' }, expires })).toEqual(
      {},
    );
    expect(await secrets['get']('project/ci/token')).toEqual({ secret: { token: 'abc' }, expires });
    expect(await secrets['remove']('project/ci/token')).toEqual({});
    expect((await rejection(secrets['get']('project/ci/token'))).statusCode).toBe(404);
    expect((await rejection(secrets['remove']('project/ci/token'))).statusCode).toBe(404);
  });

  it('answers 410 ResourceExpired for an expired secret', async () => {
    const secrets = clientOf(sandbox, 'secrets');
    await secrets['set']('old', { secret: {}, expires: new Date(Date.now() - 1000).toJSON() });
    const err = await rejection(secrets['get']('old'));
    expect(err.statusCode).toBe(410);
    expect(err.code).toBe('ResourceExpired');
  });

  it('lists secret names in pages', async () => {
    const secrets = clientOf(sandbox, 'secrets');
    for (const name of ['c', 'a', 'b'])
      await secrets['set'](name, { secret: {}, expires: later() });
    const first: unknown = await secrets['list']({ limit: 2 });
    expect(first).toEqual({ secrets: ['a', 'b'], continuationToken: expect.any(String) });
    expect(
      await secrets['list']({ limit: 2, continuationToken: stringAt(first, 'continuationToken') }),
    ).toEqual({
      secrets: ['c'],
    });
  });

  it('refuses a secret that is not an object', async () => {
    const err = await rejection(
      clientOf(sandbox, 'secrets')['set']('x', { secret: 'plain', expires: later() }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/payload\.secret must be an object/);
  });

  it('enforces secrets:get per name', async () => {
    const reader = {
      clientId: 'r',
      accessToken: 'r-token-0123456789abcdefghijklmnopqrstu',
      scopes: ['secrets:get:project/ci/*'],
    };
    await sandbox.close();
    sandbox = await startSandbox({ clients: [reader] });
    await clientOf(sandbox, 'secrets')['set']('project/cd/key', {
      secret: { k: 1 },
      expires: later(),
    });
    const err = await rejection(
      clientOf(sandbox, 'secrets', { credentials: reader })['get']('project/cd/key'),
    );
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(/secrets:get:project\/cd\/key/);
  });
});
