import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { request } from 'undici';
import { startHawkServer, json, CLIENTS, type HawkServer } from '../helpers/hawk-server.js';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import { nth } from '../helpers/nth.js';
import { at, numberAt } from '../helpers/answers.js';

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester'] };
let server: HawkServer;

beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(async () => {
  await server.close();
});

const queue = (extra = {}) =>
  createClient('queue', {
    rootUrl: server.rootUrl,
    credentials,
    references: 'bundled',
    delayFactor: 1,
    ...extra,
  });

describe('buildSignedUrl', () => {
  it('makes a URL whose bewit the server accepts', async () => {
    const q = queue();
    const url = q.buildSignedUrl(q.getLatestArtifact, 'task id', 'public/log.txt');
    expect(url).toMatch(/\/api\/queue\/v1\/task\/task%20id\/artifacts\/public%2Flog\.txt\?bewit=/);
    const res = await request(url);
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect(server.requests[0]).toMatchObject({ clientId: 'tester' });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('appends the bewit after a query and carries authorizedScopes in its ext', async () => {
    const q = queue({ authorizedScopes: ['queue:list-task-group:*'] });
    const url = q.buildSignedUrl('listTaskGroup', 'g1', { limit: 2 });
    expect(url).toContain('/task-group/g1/list?limit=2&bewit=');
    await (await request(url)).body.dump();
    expect(nth(server.requests, 0).ext).toEqual({ authorizedScopes: ['queue:list-task-group:*'] });
  });

  it('makes a URL that the server rejects once expired', async () => {
    const q = queue();
    // Expired a second ago, as the official client allows (a test tool, and no wait here).
    const url = q.buildSignedUrl(q.task, 'abc', { expiration: -1 });
    const res = await request(url);
    await res.body.dump();
    expect(res.statusCode).toBe(401);
    expect(nth(server.requests, 0).authError).toMatch(/expired/i);
  });

  it('refuses non-GET methods and anonymous clients', () => {
    const q = queue();
    expect(() => q.buildSignedUrl(q.createTask, 'abc')).toThrow(/not a GET method/);
    expect(() => queue({ credentials: {} }).buildSignedUrl('task', 'abc')).toThrow(
      /need credentials/,
    );
  });
});

describe('buildUrl', () => {
  it.each([
    [['task', 'abc'], '/api/queue/v1/task/abc'],
    [
      ['getArtifact', 'abc', 0, 'public/x y'],
      '/api/queue/v1/task/abc/runs/0/artifacts/public%2Fx%20y',
    ],
    [
      ['listTaskGroup', 'g', { limit: 3, continuationToken: 'a&b' }],
      '/api/queue/v1/task-group/g/list?limit=3&continuationToken=a%26b',
    ],
  ])('builds %j as %s', (args, path) => {
    const [method, ...rest] = args as [string, ...unknown[]];
    expect(queue().buildUrl(method, ...rest)).toBe(server.rootUrl + path);
  });

  it('drops a trailing slash from rootUrl', () => {
    expect(queue({ rootUrl: 'https://tc.example.com/' }).buildUrl('ping')).toBe(
      'https://tc.example.com/api/queue/v1/ping',
    );
  });

  it('fails clearly for a wrong argument count or an unknown method', () => {
    // @ts-expect-error the typed client rejects this at compile time too
    expect(() => queue().buildUrl('task')).toThrow(TaskclusterFailure);
    expect(() => queue().buildUrl('tsk', 'a')).toThrow(/must be a method of this client/);
  });
});

describe('pagination', () => {
  beforeEach(() => {
    server.script((req, res) => {
      const token = new URL(req.url, 'http://x').searchParams.get('continuationToken');
      const page = Number(token ?? 0);
      return json(200, {
        taskGroupId: 'g',
        tasks: [{ page }],
        ...(page < 2 ? { continuationToken: String(page + 1) } : {}),
      })(req, res);
    });
  });

  it('calls the paginationHandler for every page and resolves undefined', async () => {
    const pages: unknown[] = [];
    await expect(
      queue().listTaskGroup('g', {
        paginationHandler: (p: unknown) => {
          pages.push(at(p, 'tasks', 0, 'page'));
        },
      }),
    ).resolves.toBeUndefined();
    expect(pages).toEqual([0, 1, 2]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/queue/v1/task-group/g/list',
      '/api/queue/v1/task-group/g/list?continuationToken=1',
      '/api/queue/v1/task-group/g/list?continuationToken=2',
    ]);
  });

  it('sets the limit query from paginationLimit', async () => {
    await queue().listTaskGroup({
      params: { taskGroupId: 'g' },
      paginationLimit: 7,
      paginationHandler: () => undefined,
    });
    expect(nth(server.requests, 0).url).toBe('/api/queue/v1/task-group/g/list?limit=7');
    expect(nth(server.requests, 1).url).toBe(
      '/api/queue/v1/task-group/g/list?limit=7&continuationToken=1',
    );
  });

  it('iterates pages with .pages()', async () => {
    const seen: number[] = [];
    for await (const page of queue().listTaskGroup.pages('g', { limit: 1 }))
      seen.push(numberAt(page, 'tasks', 0, 'page'));
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('fake', () => {
  it('records validated calls as deep copies and answers with the implementation, without HTTP', async () => {
    const task = { metadata: { name: 'n' } };
    const q = queue({
      fake: { createTask: (taskId: string) => Promise.resolve({ status: { taskId } }) },
    });
    await expect(q.createTask('t1', task)).resolves.toEqual({ status: { taskId: 't1' } });
    task.metadata.name = 'changed';
    expect(q.fakeCalls['createTask']).toEqual([
      { taskId: 't1', payload: { metadata: { name: 'n' } } },
    ]);
    await q.listTaskGroup('g', { limit: 2 }).catch(() => undefined);
    expect(q.fakeCalls['listTaskGroup']).toEqual([{ taskGroupId: 'g', query: { limit: 2 } }]);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a method without implementation, naming it, and still validates arguments', async () => {
    const q = queue({ fake: {} });
    await expect(q.task('abc')).rejects.toThrow(/no fake implementation was given for task/);
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(q.task()).rejects.toThrow(/expected 1 argument, got 0/);
    expect(q.fakeCalls['task']).toHaveLength(1);
  });
});

describe('fake pagination', () => {
  it('answers .pages() and paginationHandler from the fake, following continuation tokens, without HTTP', async () => {
    const pages: Record<string, unknown> = {
      first: { tasks: [1], continuationToken: 'second' },
      second: { tasks: [2] },
    };
    const fake = {
      listTaskGroup: (_id: string, query?: { continuationToken?: string }) =>
        Promise.resolve(pages[query?.continuationToken ?? 'first']),
    };
    const q = queue({ fake });
    const seen: unknown[] = [];
    for await (const page of q.listTaskGroup.pages('g')) seen.push(at(page, 'tasks', 0));
    await q.listTaskGroup('g', {
      paginationHandler: (page: unknown) => {
        seen.push(at(page, 'tasks', 0));
      },
    });
    expect(seen).toEqual([1, 2, 1, 2]);
    expect(q.fakeCalls['listTaskGroup']).toEqual([
      { taskGroupId: 'g' },
      { taskGroupId: 'g', query: { continuationToken: 'second' } },
      { taskGroupId: 'g' },
      { taskGroupId: 'g', query: { continuationToken: 'second' } },
    ]);
    expect(server.requests).toHaveLength(0);
  });
});
