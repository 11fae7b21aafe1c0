// The examples of the README's "Reliability and security" section, run against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, createTemporaryCredentials } from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('README: reliability and security', () => {
  it('uses a credentials provider, calling it once', async () => {
    const rootUrl = sandbox.rootUrl;
    const permanent = sandbox.rootCredentials;
    const taskId = 'fN1SbArXTPSVFNUvaOlinQ';
    const answer: unknown = await createClient('queue', {
      rootUrl,
      credentials: permanent,
    }).createTask(taskId, {
      taskQueueId: 'proj/ci-worker',
      created: new Date().toJSON(),
      deadline: new Date(Date.now() + 3_600_000).toJSON(),
      payload: {},
      metadata: {
        name: 'n',
        description: 'd',
        owner: 'o@example.com',
        source: 'https://x.example',
      },
    });
    expect(answer).toHaveProperty('status');
    let calls = 0;
    const provider = () => {
      calls++;
      return Promise.resolve(
        createTemporaryCredentials({
          credentials: permanent,
          expiry: new Date(Date.now() + 60 * 60 * 1000),
          scopes: ['queue:*'],
        }),
      );
    };
    // --- example ---
    const queue = createClient('queue', {
      rootUrl,
      // e.g. credentials a vault or a token service hands out; the certificate's expiry bounds them
      credentials: provider,
    });
    await queue.task(taskId); // calls the provider once; later calls reuse or refresh its answer
    // --- end ---
    await queue.status(taskId);
    expect(calls).toBe(1);
    const statusCalls = sandbox.requests.filter((r) => r.method === 'status');
    expect(statusCalls.map((r) => [r.status, r.clientId])).toEqual([[200, permanent.clientId]]);
  });
});
