import { describe, it, expect } from '@jest/globals';
import { bySpecificity, compileRoute, matchRoute, methodRoutes } from '../../lib/testing/routes.js';
import type { ApiReference, FunctionEntry } from '../../lib/references/types.js';
import { found, nth } from '../helpers/nth.js';

const entry = (name: string, route: string): FunctionEntry => ({
  type: 'function',
  name,
  method: 'get',
  route,
  args: [],
});
const reference = (entries: FunctionEntry[]): ApiReference => ({
  $schema: 'x',
  serviceName: 'auth',
  apiVersion: 'v1',
  entries,
});

describe('matchRoute', () => {
  const route = compileRoute(
    reference([]),
    entry('artifact', '/task/<taskId>/runs/<runId>/artifacts/<name>'),
  );

  it.each<[string, Record<string, string> | undefined]>([
    [
      '/api/auth/v1/task/abc/runs/0/artifacts/public%2Flog.txt',
      { taskId: 'abc', runId: '0', name: 'public/log.txt' },
    ],
    ['/api/auth/v1/task/a%20b/runs/1/artifacts/x', { taskId: 'a b', runId: '1', name: 'x' }],
    [
      '/api/auth/v1/task/abc/runs/0/artifacts/public/log.txt',
      { taskId: 'abc', runId: '0', name: 'public/log.txt' },
    ],
    ['/api/auth/v2/task/abc/runs/0/artifacts/x', undefined],
    ['/api/auth/v1/task/abc/runs/0/artifacts/%E0%A4%A', undefined],
  ])('matches %s as %j', (path, params) => {
    expect(matchRoute(route, path)).toEqual(params);
  });

  it('takes regular-expression characters in routes literally', () => {
    const dotted = compileRoute(reference([]), entry('x', '/a.b/<p>'));
    expect(matchRoute(dotted, '/api/auth/v1/aXb/1')).toBeUndefined();
    expect(matchRoute(dotted, '/api/auth/v1/a.b/1')).toEqual({ p: '1' });
  });
});

describe('bySpecificity', () => {
  it('puts a literal route before a parameter that could match it empty', () => {
    const ref = reference([]);
    const routes = [
      compileRoute(ref, entry('client', '/clients/<clientId>')),
      compileRoute(ref, entry('listClients', '/clients/')),
    ];
    const sorted = [...routes].sort(bySpecificity);
    expect(sorted.map((r) => r.entry.name)).toEqual(['listClients', 'client']);
    expect(matchRoute(nth(sorted, 1), '/api/auth/v1/clients/')).toEqual({ clientId: '' });
  });
});

describe('compileRoute with a trailing name', () => {
  it('matches raw slashes in an artifact name as the queue does, and encoded ones alike', async () => {
    const { bundledReference } = await import('../../lib/references/bundled.js');
    const queue = bundledReference('queue') as import('../../lib/references/types.js').ApiReference;
    const entry = found(queue.entries, (e) => e.name === 'getLatestArtifact', 'getLatestArtifact');
    const route = compileRoute(queue, entry);
    expect(matchRoute(route, '/api/queue/v1/task/abc/artifacts/public/logs/live.log')).toEqual({
      taskId: 'abc',
      name: 'public/logs/live.log',
    });
    expect(matchRoute(route, '/api/queue/v1/task/abc/artifacts/public%2Flogs%2Flive.log')).toEqual({
      taskId: 'abc',
      name: 'public/logs/live.log',
    });
    expect(
      matchRoute(
        compileRoute(
          queue,
          found(queue.entries, (e) => e.name === 'task', 'task'),
        ),
        '/api/queue/v1/task/abc/status',
      ),
    ).toBeUndefined();
  });
});

describe('methodRoutes', () => {
  it("compiles a reference's methods and passes over entries of any other kind", () => {
    const other = { type: 'websocket', name: 'stream', route: '/stream' };
    const ref = reference([
      entry('client', '/clients/<clientId>'),
      other as unknown as FunctionEntry,
    ]);
    const routes = methodRoutes(ref);
    expect(routes.map((r) => r.entry.name)).toEqual(['client']);
    expect(matchRoute(nth(routes, 0), '/api/auth/v1/clients/abc')).toEqual({ clientId: 'abc' });
  });
});
