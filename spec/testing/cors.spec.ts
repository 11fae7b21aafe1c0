// The sandbox as a page on another origin sees it: preflights answered before routing and Hawk,
// and CORS headers on every answer, errors included.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { clientOf } from './sandbox-helpers.js';

const PAGE = 'http://127.0.0.1:1';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('allowCrossOrigin', () => {
  it('answers a preflight with the methods and the headers asked for, without routing it', async () => {
    const before = sandbox.requests.length;
    const res = await request(`${sandbox.rootUrl}/api/queue/v1/task/abc`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    await res.body.dump();
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': expect.stringContaining('PUT'),
      'access-control-allow-headers': 'authorization,content-type',
    });
    expect(sandbox.requests.length).toBe(before);
  });

  it('puts CORS headers on answers and on errors', async () => {
    for (const path of ['/api/queue/v1/ping', '/api/queue/v1/task/nonexistent']) {
      const res = await request(`${sandbox.rootUrl}${path}`, { headers: { origin: PAGE } });
      await res.body.dump();
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-expose-headers': '*',
      });
    }
  });

  it('leaves an OPTIONS request that is no preflight to the routes', async () => {
    const res = await request(`${sandbox.rootUrl}/api/queue/v1/ping`, { method: 'OPTIONS' });
    await res.body.dump();
    expect(res.statusCode).toBe(404);
    await expect(clientOf(sandbox, 'queue')['ping']()).resolves.toMatchObject({ alive: true });
  });
});
