import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(() => server.close());

describe('urlCommand', () => {
  it.each([
    [['queue', 'task', 'abc'], '/api/queue/v1/task/abc'],
    [
      ['queue', 'listTaskGroup', 'g/1', '--query', 'limit=5', '--query', 'continuationToken=a/b'],
      '/api/queue/v1/task-group/g%2F1/list?limit=5&continuationToken=a%2Fb',
    ],
    [['purge-cache', 'ping'], '/api/purge-cache/v1/ping'],
  ])('prints the URL for %j without calling it', async (args, path) => {
    const { code, stdout } = await runTcdyn(['url', ...args, '--root-url', `${server.rootUrl}/`]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${server.rootUrl}${path}\n`);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [['queue', 'task', 'abc'], 'no root URL'],
    [['queue', 'task', '--root-url', 'http://127.0.0.1:9'], 'expected <taskId>, got 0 parameters'],
    [
      ['queue', 'task', 'a', '--query', 'x=1', '--root-url', 'http://127.0.0.1:9'],
      'has no query parameter "x"; it takes none',
    ],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runTcdyn(['url', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
