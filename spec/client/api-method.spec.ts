import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startHawkServer, json, CLIENTS, type HawkServer } from '../helpers/hawk-server.js';
import {
  createClient,
  TaskclusterAuthFailure,
  TaskclusterFailure,
  TaskclusterRestFailure,
} from '../../lib/index.js';
import { nth } from '../helpers/nth.js';
import { rejectionOf } from '../helpers/answers.js';

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

describe('API methods over HTTP', () => {
  it('signs calls with Hawk that the server verifies', async () => {
    server.script(json(200, { status: { taskId: 'abc' } }));
    await expect(queue().status('abc')).resolves.toEqual({ status: { taskId: 'abc' } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: '/api/queue/v1/task/abc/status',
      clientId: 'tester',
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('sends payloads as JSON with a content type', async () => {
    server.script(json(200, { status: {} }));
    await queue().createTask('t1', { metadata: { name: 'x' } });
    const req = nth(server.requests, 0);
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('/api/queue/v1/task/t1');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ metadata: { name: 'x' } });
  });

  it('puts authorizedScopes and the certificate in the ext the server reads', async () => {
    const certificate = {
      version: 1,
      scopes: ['a'],
      start: 1,
      expiry: 2,
      seed: 's',
      signature: 'x',
    };
    await queue({ authorizedScopes: ['queue:get-artifact:*'] }).ping();
    expect(nth(server.requests, 0).ext).toEqual({ authorizedScopes: ['queue:get-artifact:*'] });
    await queue({
      credentials: { ...credentials, certificate: JSON.stringify(certificate) },
    }).ping();
    expect(nth(server.requests, 1).ext).toEqual({ certificate });
  });

  it('sends no Authorization header for anonymous clients', async () => {
    await queue({ credentials: {} }).ping();
    expect(nth(server.requests, 0).headers.authorization).toBeUndefined();
    expect(nth(server.requests, 0).clientId).toBeUndefined();
  });

  it('sends the trace id header', async () => {
    await queue({ traceId: 'trace-123' }).ping();
    expect(nth(server.requests, 0).headers['x-taskcluster-trace-id']).toBe('trace-123');
  });

  it('encodes URL parameters and query values', async () => {
    server.script(json(200, { tasks: [] }));
    await queue().listTaskGroup('a b/c', { limit: 5, continuationToken: 'x y' });
    expect(nth(server.requests, 0).url).toBe(
      '/api/queue/v1/task-group/a%20b%2Fc/list?limit=5&continuationToken=x%20y',
    );
  });

  it('answers a wrong key with a TaskclusterAuthFailure', async () => {
    const err = await rejectionOf(
      queue({ credentials: { clientId: 'tester', accessToken: 'wrong-token-000' } }).ping(),
      TaskclusterFailure,
    );
    expect(err).toBeInstanceOf(TaskclusterAuthFailure);
    expect(err).toMatchObject({
      statusCode: 401,
      code: 'AuthenticationFailed',
      method: 'queue.ping',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('resolves an empty JSON body as undefined and a non-JSON body as undefined', async () => {
    server.script(json(200, undefined), (_r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    await expect(queue().ping()).resolves.toBeUndefined();
    await expect(queue().ping()).resolves.toBeUndefined();
  });

  it('fails on invalid JSON without retrying, with the status code', async () => {
    server.script((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{nope');
    });
    const err = await rejectionOf(queue().ping(), TaskclusterFailure);
    expect(err).toBeInstanceOf(TaskclusterFailure);
    expect(err.statusCode).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('does not follow redirects: a JSON body or the location', async () => {
    server.script(
      json(
        303,
        { storageType: 's3', url: 'https://example.com/x' },
        { location: 'https://example.com/x' },
      ),
      (_r, res) => {
        res.writeHead(302, { location: 'https://example.com/y' });
        res.end();
      },
    );
    await expect(queue().getArtifact('t', 0, 'public/a')).resolves.toEqual({
      storageType: 's3',
      url: 'https://example.com/x',
    });
    await expect(queue().getArtifact('t', 0, 'public/a')).resolves.toEqual({
      url: 'https://example.com/y',
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe('retries', () => {
  it('retries 500s and counts three requests for 500, 500, 200', async () => {
    server.script(
      json(500, { code: 'InternalServerError', message: 'boom' }),
      json(500, {}),
      json(200, { ok: 1 }),
    );
    await expect(queue().ping()).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(3);
    const nonces = server.requests.map((r) =>
      nth(/nonce="([^"]+)"/.exec(String(r.headers.authorization)) ?? [], 1),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it('never retries a 404', async () => {
    server.script(json(404, { code: 'ResourceNotFound', message: 'no such task' }));
    const err = await rejectionOf(queue().task('missing'), TaskclusterFailure);
    expect(err).toBeInstanceOf(TaskclusterRestFailure);
    expect(err).not.toBeInstanceOf(TaskclusterAuthFailure);
    expect(err).toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
      body: { message: 'no such task' },
    });
    expect(err.message).toContain('no such task');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxRetries retries', async () => {
    server.script(json(503, { code: 'Unavailable' }));
    const err = await rejectionOf(queue({ maxRetries: 2 }).ping(), TaskclusterFailure);
    expect(err).toMatchObject({ statusCode: 503, code: 'Unavailable' });
    expect(server.requests).toHaveLength(3);
  });

  it("retries 429 after the server's Retry-After, capped by maxDelay", async () => {
    server.script(json(429, {}, { 'retry-after': '100' }), json(200, { ok: 2 }));
    await expect(queue({ maxDelay: 5 }).ping()).resolves.toEqual({ ok: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a reset connection', async () => {
    server.script(
      (_r, res) => {
        res.destroy();
      },
      json(200, { ok: 3 }),
    );
    await expect(queue().ping()).resolves.toEqual({ ok: 3 });
    expect(server.requests).toHaveLength(2);
  });

  it('times out each attempt with code ECONNABORTED', async () => {
    server.script(async (_r, res) => {
      await new Promise((r) => setTimeout(r, 2000).unref());
      if (!res.destroyed) res.end('{}');
    });
    const err = await rejectionOf(
      queue({ timeout: 100, maxRetries: 1 }).ping(),
      TaskclusterFailure,
    );
    expect(err.name).toBe('TaskclusterConnectionError');
    expect(err.code).toBe('ECONNABORTED');
    // On a loaded machine the client's timer and the server's read of the second request can
    // fall in one event-loop turn, timer first: give the server a moment to record it.
    for (let i = 0; i < 100 && server.requests.length < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toHaveLength(2);
  });

  it('bounds the whole attempt, a body that trickles in included', async () => {
    server.script(async (_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (const ch of '{"slow": true}') {
        if (res.destroyed) return;
        res.write(ch);
        await new Promise((r) => setTimeout(r, 40).unref());
      }
      res.end();
    });
    const err = await rejectionOf(
      queue({ timeout: 200, maxRetries: 0 }).ping(),
      TaskclusterFailure,
    );
    expect(err.code).toBe('ECONNABORTED');
  });

  it('does not retry what undici refuses to send, and says why', async () => {
    let attempts = 0;
    const q = queue({
      rootUrl: 'ftp://127.0.0.1:1',
      delayFactor: 1000,
      random: () => {
        attempts++;
        return 0.5;
      },
    });
    const err = await rejectionOf(q.ping(), TaskclusterFailure);
    expect(err.name).toBe('TaskclusterFailure');
    expect(err.message).toMatch(/queue\.ping: .*protocol/i);
    expect(attempts).toBe(0);
  });

  it('refuses a trace id that cannot be a header, before any request', () => {
    expect(() => queue({ traceId: 'bad\nvalue' })).toThrow(
      /traceId must be a string of printable ASCII/,
    );
  });
});

describe('bad input', () => {
  it('rejects before sending anything', async () => {
    const q = queue();
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(q.createTask('only-one')).rejects.toThrow(
      'queue.createTask(taskId, payload): expected 2 arguments, got 1',
    );
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(q.task({})).rejects.toThrow(TaskclusterFailure);
    // @ts-expect-error the typed client rejects this at compile time too
    await expect(q.listTaskGroup('g', { bogus: 1 })).rejects.toThrow('unknown query key "bogus"');
    expect(server.requests).toHaveLength(0);
  });

  it('names the option and the variable when there is no rootUrl', async () => {
    const q = createClient('queue', { references: 'bundled', credentials: {} });
    await expect(q.ping()).rejects.toThrow(/rootUrl.*TASKCLUSTER_ROOT_URL/);
  });
});
