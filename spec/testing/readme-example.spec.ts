// The "Testing your code" example of the README, as written there (imports aside: the README
// imports 'taskcluster-dynamic' and 'taskcluster-dynamic/testing').
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createClient, type ClientOptions } from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';

// nightly.ts: the code under test
async function scheduleNightly(options: ClientOptions, taskId: string): Promise<string> {
  const queue = createClient('queue', options);
  const now = Date.now();
  await queue.createTask(taskId, {
    taskQueueId: 'proj-nightly/builder',
    projectId: 'nightly',
    routes: ['index.project.nightly.latest'],
    created: new Date(now).toJSON(),
    deadline: new Date(now + 60 * 60 * 1000).toJSON(),
    payload: { command: ['make', 'nightly'] },
    metadata: {
      name: 'nightly',
      description: 'nightly build',
      owner: 'ci@example.com',
      source: 'https://example.com/ci',
    },
  });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access -- the README's code as written there: a user's answer is untyped without `tcdyn types`
  return (await queue.status(taskId)).status.state;
}

// nightly.spec.ts
const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';
const CI = {
  clientId: 'project/nightly/ci',
  accessToken: 'any-token-will-do-in-the-sandbox',
  scopes: [
    'queue:create-task:project:nightly',
    'queue:scheduler-id:-',
    'queue:create-task:lowest:proj-nightly/builder',
    'queue:route:index.project.nightly.*',
    'queue:status:*',
  ],
};

describe('scheduleNightly', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ clients: [CI] });
  });
  afterEach(() => sandbox.close());

  it('creates a pending task with the nightly route', async () => {
    const state = await scheduleNightly({ rootUrl: sandbox.rootUrl, credentials: CI }, TASK_ID);
    expect(state).toBe('pending');
    const queue = createClient('queue', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
    });
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- the README's test as written there
    expect((await queue.task(TASK_ID)).routes).toEqual(['index.project.nightly.latest']);
  });

  it('rides out two failed attempts', async () => {
    sandbox.failNext('queue.createTask', 503, 2);
    await scheduleNightly({ rootUrl: sandbox.rootUrl, credentials: CI, delayFactor: 1 }, TASK_ID);
    const attempts = sandbox.requests.filter((r) => r.method === 'createTask');
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('fails clearly without the route scope', async () => {
    const withoutRoutes = CI.scopes.filter((s) => !s.startsWith('queue:route:'));
    const options = { rootUrl: sandbox.rootUrl, credentials: CI, authorizedScopes: withoutRoutes };
    await expect(scheduleNightly(options, TASK_ID)).rejects.toMatchObject({
      statusCode: 403,
      code: 'InsufficientScopes',
      message: expect.stringContaining('queue:route:index.project.nightly.latest'),
    });
  });
});
