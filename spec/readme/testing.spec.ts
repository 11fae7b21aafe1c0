// The README's "Testing code that uses the client" examples, run as written: a global
// MockAgent with disableNetConnect, and msw handlers beside the sandbox's through
// mswDispatcher. (The fake option's example runs in client.spec.ts, the sandbox's in
// spec/testing/readme-example.spec.ts; nock 15 needs Node 22, which this suite does not run on.)
// It takes the two helpers from their modules: the package's testing entry, which re-exports
// them, waits for its peers with top-level await, which Jest's CommonJS cannot load;
// spec/package/install.spec.ts imports that entry as published.
import { describe, it, expect, afterEach } from '@jest/globals';
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { http, HttpResponse } from 'msw';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import { sandboxHandlers } from '../../lib/testing/index.js';
import { mswDispatcher } from '../../lib/testing/msw-dispatcher.js';
import { taskDefinition } from '../testing/sandbox-helpers.js';
import { rejectionOf } from '../helpers/answers.js';

const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';
const previous = getGlobalDispatcher();
afterEach(() => {
  setGlobalDispatcher(previous);
});

describe('README: a global MockAgent', () => {
  it('answers from its interceptors and fails an unmocked request without the network', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    setGlobalDispatcher(agent);
    agent
      .get('https://tc.example.com')
      .intercept({ path: `/api/queue/v1/task/${TASK_ID}`, method: 'GET' })
      .reply(200, { taskGroupId: 'g1' }, { headers: { 'content-type': 'application/json' } });

    const queue = createClient('queue', { rootUrl: 'https://tc.example.com', maxRetries: 0 });
    await expect(queue.task(TASK_ID)).resolves.toEqual({ taskGroupId: 'g1' });
    const error = await rejectionOf(queue.status(TASK_ID), TaskclusterFailure);
    expect(error.message).toMatch(/not allowed|net\.connect/i);
  });
});

describe('README: msw handlers', () => {
  it("serves the user's handler first, the sandbox's for the rest, and refuses the unhandled", async () => {
    const rootUrl = 'https://tc.example.com';
    const sandbox = sandboxHandlers({ rootUrl, references: 'bundled' });
    setGlobalDispatcher(
      mswDispatcher([
        http.get(`${rootUrl}/api/queue/v1/task/:taskId`, ({ params }) =>
          HttpResponse.json({ taskId: params['taskId'], mine: true }),
        ),
        ...sandbox.handlers,
      ]),
    );

    const queue = createClient('queue', { rootUrl, credentials: sandbox.rootCredentials });
    await expect(queue.task(TASK_ID)).resolves.toEqual({ taskId: TASK_ID, mine: true });
    await queue.createTask(TASK_ID, taskDefinition());
    expect(sandbox.requests.map((r) => r.method)).toEqual(['createTask']);
    const elsewhere = createClient('secrets', { rootUrl: 'https://elsewhere.example.com' });
    await expect(elsewhere['ping']()).rejects.toThrow(/no handler for GET/);
  });
});
