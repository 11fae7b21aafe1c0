import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { json, type HawkServer } from '../../helpers/hawk-server.js';
import { startCliServer } from '../helpers/cli-server.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { nth } from '../../helpers/nth.js';
import { defined } from '../../helpers/answers.js';

let server: HawkServer;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, env } = await startCliServer());
});
afterEach(() => server.close());

describe('signedUrlCommand', () => {
  it('prints a URL whose bewit the service accepts without any other credentials', async () => {
    server.script(json(200, { secret: 'value' }));
    const { code, stdout } = await runTcdyn(['signed-url', 'secrets', 'get', 'my/secret'], { env });
    expect(code).toBe(0);
    const url = stdout.trim();
    expect(url).toMatch(
      new RegExp(`^${server.rootUrl}/api/secrets/v1/secret/my%2Fsecret\\?bewit=`),
    );
    expect(server.requests).toHaveLength(0);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(nth(server.requests, 0).clientId).toBe('tester');
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('signs for the given --expiration and keeps the query before the bewit', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { code, stdout } = await runTcdyn(
      ['signed-url', 'queue', 'listTaskGroup', 'g', '--query', 'limit=2', '--expiration', '60'],
      { env },
    );
    expect(code).toBe(0);
    const url = new URL(stdout.trim());
    expect(url.searchParams.get('limit')).toBe('2');
    const [id, exp] = Buffer.from(defined(url.searchParams.get('bewit'), 'a bewit'), 'base64url')
      .toString()
      .split('\\');
    expect(id).toBe('tester');
    expect(Number(exp)).toBeGreaterThanOrEqual(before + 60);
    expect(Number(exp)).toBeLessThanOrEqual(before + 62);
  });

  it.each([
    [
      ['queue', 'createTask', 'x'],
      {},
      'queue.createTask is a PUT method; only GET methods can be signed',
    ],
    [
      ['queue', 'task', 'x', '--expiration', '0'],
      {},
      '--expiration must be a whole number of seconds > 0',
    ],
    [['queue', 'task', 'x'], { TASKCLUSTER_ACCESS_TOKEN: '' }, 'signed URLs need credentials'],
  ])('exits 2 for %j', async (args, overrides, message) => {
    const { code, stdout, stderr } = await runTcdyn(['signed-url', ...args], {
      env: { ...env, ...overrides },
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
