import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import Hawk from '@hapi/hawk';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection } from '../sandbox-helpers.js';
import { at, listAt, stringAt } from '../../helpers/answers.js';

const later = (hours = 1) => new Date(Date.now() + hours * 60 * 60 * 1000).toJSON();
const entry = (taskId: string, rank = 0, expires = later()) => ({
  taskId,
  rank,
  data: { by: taskId },
  expires,
});

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

// The root namespace is the empty string, which our client refuses as a URL parameter.
async function rootGet(path: string) {
  const url = `${sandbox.rootUrl}${path}`;
  const { clientId: id, accessToken: key } = sandbox.rootCredentials;
  const { header } = Hawk.client.header(url, 'GET', {
    credentials: { id, key, algorithm: 'sha256' },
  });
  const body: unknown = await (await fetch(url, { headers: { authorization: header } })).json();
  return body;
}

describe('indexOperations', () => {
  it('inserts a task and finds it', async () => {
    const index = clientOf(sandbox, 'index');
    const stored: unknown = await index['insertTask']('project.app.latest', entry('t1'));
    expect(stored).toEqual({
      namespace: 'project.app.latest',
      taskId: 't1',
      rank: 0,
      data: { by: 't1' },
      expires: expect.any(String),
    });
    expect(await index['findTask']('project.app.latest')).toEqual(stored);
    expect((await rejection(index['findTask']('project.app.none'))).statusCode).toBe(404);
  });

  it('keeps an entry of higher rank', async () => {
    const index = clientOf(sandbox, 'index');
    await index['insertTask']('ns.t', entry('high', 5));
    expect(at(await index['insertTask']('ns.t', entry('low', 1)), 'taskId')).toBe('high');
    expect(at(await index['insertTask']('ns.t', entry('newer', 5)), 'taskId')).toBe('newer');
  });

  it('lists the child namespaces of a namespace, the root included', async () => {
    const index = clientOf(sandbox, 'index');
    await index['insertTask']('a.b.t1', entry('t1', 0, later(1)));
    await index['insertTask']('a.b.t2', entry('t2', 0, later(2)));
    await index['insertTask']('a.c.d.t3', entry('t3'));
    await index['insertTask']('z.t4', entry('t4'));
    expect(
      listAt(await rootGet('/api/index/v1/namespaces/'), 'namespaces').map((n) =>
        at(n, 'namespace'),
      ),
    ).toEqual(['a', 'z']);
    const namespaces = at(await index['listNamespaces']('a'), 'namespaces');
    expect(namespaces).toEqual([
      { namespace: 'a.b', name: 'b', expires: expect.any(String) },
      { namespace: 'a.c', name: 'c', expires: expect.any(String) },
    ]);
    expect(Date.parse(stringAt(namespaces, 0, 'expires'))).toBeGreaterThan(
      Date.now() + 90 * 60 * 1000,
    );
    const paged: unknown = await index['listNamespaces']('a', { limit: 1 });
    expect(paged).toEqual({
      namespaces: [expect.objectContaining({ namespace: 'a.b' })],
      continuationToken: expect.any(String),
    });
  });

  it('lists the tasks directly in a namespace', async () => {
    const index = clientOf(sandbox, 'index');
    await index['insertTask']('a.b.t1', entry('t1'));
    await index['insertTask']('a.b.t2', entry('t2'));
    await index['insertTask']('a.b.c.t3', entry('t3'));
    const tasks = at(await index['listTasks']('a.b'), 'tasks');
    expect(listAt(tasks).map((t) => [at(t, 'namespace'), at(t, 'taskId')])).toEqual([
      ['a.b.t1', 't1'],
      ['a.b.t2', 't2'],
    ]);
  });

  it('hides expired entries', async () => {
    const index = clientOf(sandbox, 'index');
    await index['insertTask']('a.old', entry('t', 0, new Date(Date.now() - 1000).toJSON()));
    expect((await rejection(index['findTask']('a.old'))).statusCode).toBe(404);
    expect(at(await index['listTasks']('a'), 'tasks')).toEqual([]);
  });
});
