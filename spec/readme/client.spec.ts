// The README's client examples, run as written (with the loopback server as the deployment).
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { inspect } from 'node:util';
import { startHawkServer, json, CLIENTS, type HawkServer } from '../helpers/hawk-server.js';
import tc, {
  createClient,
  slugId,
  fromNowJSON,
  cacheDirectory,
  CACHE_MAX_AGE_MS,
  NO_CACHE_VARIABLE,
} from '../../lib/index.js';
import type { ApiReference } from '../../lib/references/types.js';
import { resetDeploymentDocuments } from '../../lib/references/documents.js';
import { bundledReference } from '../../lib/references/bundled.js';
import { nth } from '../helpers/nth.js';
import { defined, listAt, methodOf, stringAt } from '../helpers/answers.js';

let server: HawkServer;
beforeEach(async () => {
  resetDeploymentDocuments();
  server = await startHawkServer();
});
afterEach(async () => {
  await server.close();
});

describe('README: quick start', () => {
  it('creates a task, reads its status, builds URLs and a routing-key pattern', async () => {
    server.script(json(200, { status: { state: 'pending' } }));
    const queue = createClient('queue', {
      rootUrl: server.rootUrl,
      credentials: { clientId: 'tester', accessToken: CLIENTS['tester'] },
    });
    const taskId = slugId();
    await queue.createTask(taskId, {
      provisionerId: 'proj',
      workerType: 'ci',
      created: fromNowJSON(''),
      deadline: fromNowJSON('1 hour'),
      payload: {},
      metadata: {
        name: 'hello',
        description: 'hi',
        owner: 'me@example.com',
        source: 'https://example.com',
      },
    });
    await expect(queue.status(taskId)).resolves.toMatchObject({ status: { state: 'pending' } });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.clientId ?? '-'}`)).toEqual([
      `PUT /api/queue/v1/task/${taskId} tester`,
      `GET /api/queue/v1/task/${taskId}/status tester`,
    ]);
    expect(queue.buildUrl(queue.getLatestArtifact, taskId, 'public/logs/live.log')).toBe(
      `${server.rootUrl}/api/queue/v1/task/${taskId}/artifacts/public%2Flogs%2Flive.log`,
    );
    expect(
      queue.buildSignedUrl(queue.getLatestArtifact, taskId, 'public/logs/live.log', {
        expiration: 600,
      }),
    ).toContain('?bewit=');

    const queueEvents = createClient('queue-events');
    expect(queueEvents.taskCompleted({ taskId })).toMatchObject({
      exchange: 'exchange/taskcluster-queue/v1/task-completed',
      routingKeyPattern: `primary.${taskId}.*.*.*.*.*.*.*.#`,
      routingKeyReference: expect.arrayContaining([expect.objectContaining({ name: 'taskId' })]),
    });
  });

  it('runs official-client code on the default export', async () => {
    const queue = new tc.Queue({ rootUrl: server.rootUrl });
    await queue.ping();
    expect(nth(server.requests, 0).url).toBe('/api/queue/v1/ping');
    const Custom = tc.createClient(defined(bundledReference('secrets')));
    const secrets = new Custom({ rootUrl: server.rootUrl });
    await methodOf(secrets, 'get')('my/secret');
    expect(nth(server.requests, 1).url).toBe('/api/secrets/v1/secret/my%2Fsecret');
  });
});

describe('README: calling conventions', () => {
  const task = { metadata: { name: 'x' } };
  it.each([
    ['form 1', ['t1', task]],
    ['form 2', [task, { taskId: 't1' }]],
    ['form 3', [{ params: { taskId: 't1' }, payload: task }]],
  ])('sends the same request for %s', async (_form, args) => {
    const queue = createClient('queue', { rootUrl: server.rootUrl, credentials: {} });
    await methodOf(queue, 'createTask')(...args);
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      url: '/api/queue/v1/task/t1',
      body: JSON.stringify(task),
    });
  });

  it('reads form 1 and form 4 queries the same way', async () => {
    const queue = createClient('queue', { rootUrl: server.rootUrl, credentials: {} });
    await queue.listTaskGroup('g', { limit: 10 });
    await queue.listTaskGroup('g', { query: { limit: 10 } });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/queue/v1/task-group/g/list?limit=10',
      '/api/queue/v1/task-group/g/list?limit=10',
    ]);
  });

  it('shows the README error messages', async () => {
    const queue = createClient('queue', { rootUrl: server.rootUrl });
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(queue.createTask('t1')).rejects.toThrow(
      'queue.createTask(taskId, payload): expected 2 arguments, got 1',
    );
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(queue.listTaskGroup('g', { limt: 1 })).rejects.toThrow(
      'queue.listTaskGroup(taskGroupId, [query]): unknown query key "limt" (expected one of: continuationToken, limit)',
    );
    await expect(queue['createTsk']?.({})).rejects.toThrow(
      'unknown method queue.createTsk. Did you mean createTask, claimTask, rerunTask?',
    );
    expect(inspect(queue.createTask)).toBe(
      '[Function: createTask] queue.createTask(taskId, payload) — Create New Task',
    );
    // 'auto' asked the deployment about createTsk before declaring it unknown; no API call was made.
    expect(server.requests.map((r) => r.url)).toEqual([
      '/references/queue/v1/api.json',
      '/references/manifest.json',
    ]);
  });

  it('iterates pages as the README shows', async () => {
    server.script(
      json(200, {
        tasks: [{ status: { taskId: 'a', state: 'completed' } }],
        continuationToken: 'c',
      }),
      json(200, { tasks: [{ status: { taskId: 'b', state: 'pending' } }] }),
    );
    const queue = createClient('queue', { rootUrl: server.rootUrl });
    const seen: string[] = [];
    for await (const page of queue.listTaskGroup.pages('g', { limit: 100 })) {
      for (const entry of listAt(page, 'tasks'))
        seen.push(`${stringAt(entry, 'status', 'taskId')} ${stringAt(entry, 'status', 'state')}`);
    }
    expect(seen).toEqual(['a completed', 'b pending']);
  });
});

describe('README: testing with fake', () => {
  it('answers from the implementation and records the call', async () => {
    const queue = createClient('queue', {
      rootUrl: server.rootUrl,
      fake: { task: (taskId: string) => Promise.resolve({ taskId }) },
    });
    await expect(queue.task('abc')).resolves.toEqual({ taskId: 'abc' });
    expect(queue.fakeCalls['task']).toEqual([{ taskId: 'abc' }]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('README: how references are found', () => {
  it('describes a method and an exchange as the README shows', () => {
    const queue = createClient('queue', { references: 'bundled' });
    expect(queue.describe('createTask')).toMatchObject({
      kind: 'function',
      name: 'createTask',
      signature: 'queue.createTask(taskId, payload)',
      title: 'Create New Task',
      stability: 'stable',
      method: 'PUT',
      route: '/task/<taskId>',
      path: '/api/queue/v1/task/<taskId>',
      args: ['taskId'],
      query: [],
      input: '/schemas/queue/v1/create-task-request.json#',
      output: '/schemas/queue/v1/task-status-response.json#',
      scopes: { AllOf: expect.any(Array) },
    });
    expect(queue.describe(queue.createTask)).toEqual(queue.describe('createTask'));
    const queueEvents = createClient('queue-events', { references: 'bundled' });
    expect(queueEvents.describe('taskDefined')).toMatchObject({
      kind: 'exchange',
      exchange: 'exchange/taskcluster-queue/v1/task-defined',
      routingKey: expect.any(Array),
      schema: '/schemas/queue/v1/task-defined-message.json#',
    });
  });

  it('refuses a method the deployment no longer offers, as the README shows', async () => {
    const v106 = structuredClone(bundledReference('queue')) as ApiReference;
    v106.entries = v106.entries.filter((e) => e.name !== 'declareProvisioner');
    server.script(json(200, v106));
    const queue = createClient('queue', { rootUrl: server.rootUrl });
    await queue.ready();
    await expect(queue.declareProvisioner('p', {})).rejects.toThrow(
      `queue.declareProvisioner is not offered by this deployment (${server.rootUrl}): its reference no longer lists it`,
    );
    expect(server.requests.map((r) => r.url)).toEqual(['/references/queue/v1/api.json']);
  });

  it('keeps the cache where the README says', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/tmp/c' }, 'linux', '/home/u')).toBe(
      '/tmp/c/taskcluster-dynamic',
    );
    expect(cacheDirectory({}, 'linux', '/home/u')).toBe('/home/u/.cache/taskcluster-dynamic');
    expect(CACHE_MAX_AGE_MS).toBe(60 * 60 * 1000);
    expect(NO_CACHE_VARIABLE).toBe('TASKCLUSTER_DYNAMIC_NO_CACHE');
  });
});
