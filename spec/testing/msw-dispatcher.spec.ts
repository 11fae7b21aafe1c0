import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { http, HttpResponse } from 'msw';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import { mswDispatcher } from '../../lib/testing/msw-dispatcher.js';
import { sandboxHandlers } from '../../lib/testing/index.js';
import { rejection, taskDefinition } from './sandbox-helpers.js';

const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';

// A real server standing for "the network": a request that reaches it was not stopped.
let network: Server;
let hits = 0;
let rootUrl: string;
beforeAll(async () => {
  network = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"from":"network"}');
  });
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${String((network.address() as AddressInfo).port)}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      network.close(() => {
        resolve();
      });
    }),
);

const original = getGlobalDispatcher();
afterEach(() => {
  setGlobalDispatcher(original);
});

const taskHandler = () =>
  http.get(`${rootUrl}/api/queue/v1/task/:taskId`, ({ params }) =>
    HttpResponse.json({ taskId: params['taskId'], from: 'handler' }),
  );

describe('mswDispatcher', () => {
  it("serves a user's http.get handler to createClient('queue').task(id) as the global dispatcher", async () => {
    setGlobalDispatcher(mswDispatcher([taskHandler()]));
    const queue = createClient('queue', { rootUrl, references: 'bundled', maxRetries: 0 });
    await expect(queue.task(TASK_ID)).resolves.toEqual({ taskId: TASK_ID, from: 'handler' });
    expect(hits).toBe(0);
  });

  it('refuses a request no handler answers, and nothing reaches the network', async () => {
    setGlobalDispatcher(mswDispatcher([taskHandler()]));
    const queue = createClient('queue', { rootUrl, references: 'bundled', maxRetries: 3 });
    const error = await rejection(queue.status(TASK_ID));
    expect(error.message).toMatch(/no handler for GET .*\/task\/.*\/status/);
    expect(hits).toBe(0);
  });

  it('hands the handler the payload, headers and query as sent', async () => {
    let seen: { body?: unknown; trace?: string | null; limit?: string | null } = {};
    const dispatcher = mswDispatcher([
      http.post(`${rootUrl}/api/hooks/v1/hooks/:group/:hook/trigger`, async ({ request }) => {
        seen = { body: await request.json(), trace: request.headers.get('x-taskcluster-trace-id') };
        return HttpResponse.json({ status: { taskId: TASK_ID } });
      }),
      http.get(`${rootUrl}/api/queue/v1/task-group/:id/list`, ({ request }) => {
        seen.limit = new URL(request.url).searchParams.get('limit');
        return HttpResponse.json({ tasks: [] });
      }),
    ]);
    const options = { rootUrl, references: 'bundled' as const, dispatcher, traceId: 't-1' };
    await createClient('hooks', options).triggerHook('g', 'h', { any: ['thing'] });
    await createClient('queue', options).listTaskGroup('grp', { limit: 7 });
    expect(seen).toEqual({ body: { any: ['thing'] }, trace: 't-1', limit: '7' });
  });

  it("with onUnhandledRequest 'bypass' sends what no handler answers", async () => {
    const dispatcher = mswDispatcher([], { onUnhandledRequest: 'bypass' });
    const queue = createClient('queue', { rootUrl, references: 'bundled', dispatcher });
    const before = hits;
    await expect(queue.task(TASK_ID)).resolves.toEqual({ from: 'network' });
    expect(hits).toBe(before + 1);
    await dispatcher.close();
  });

  it.each([
    ['handlers that are not an array', () => mswDispatcher({} as never)],
    ['an unknown policy', () => mswDispatcher([], { onUnhandledRequest: 'ignore' as never })],
  ])('refuses %s', (_what, make) => {
    expect(make).toThrow(TaskclusterFailure);
  });
});

describe('sandboxHandlers', () => {
  it("serve the sandbox's services beside a user's handlers, verifying Hawk", async () => {
    const sandbox = sandboxHandlers({ rootUrl: 'https://tc.example.com' });
    const mine = http.get('https://tc.example.com/api/queue/v1/task/:taskId', () =>
      HttpResponse.json({ mine: true }),
    );
    const dispatcher = mswDispatcher([mine, ...sandbox.handlers]);
    const queue = createClient('queue', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
      references: 'bundled',
      dispatcher,
      maxRetries: 0,
    });
    await queue.createTask(TASK_ID, taskDefinition());
    await expect(queue.status(TASK_ID)).resolves.toMatchObject({ status: { taskId: TASK_ID } });
    await expect(queue.task(TASK_ID)).resolves.toEqual({ mine: true });
    const wrong = queue.use({
      credentials: { clientId: sandbox.rootCredentials.clientId, accessToken: 'wrong-token' },
    });
    await expect(wrong.status(TASK_ID)).rejects.toMatchObject({ statusCode: 401 });
    expect(sandbox.requests.map((r) => r.method)).toEqual(['createTask', 'status', 'status']);
  });

  it('refuses a rootUrl that is not an absolute URL', () => {
    expect(() => sandboxHandlers({ rootUrl: 'tc.example.com' })).toThrow(/absolute URL/);
  });
});
