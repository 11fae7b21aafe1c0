import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  fetchDeploymentJson,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  TaskclusterFailure,
  TaskclusterRestFailure,
} from '../../lib/index.js';
import { json, startHawkServer, type HawkServer, type Reply } from '../helpers/hawk-server.js';
import { nth } from '../helpers/nth.js';

const FAST = { delayFactor: 1, randomizationFactor: 0, random: () => 0.5 };
const MANIFEST = { references: ['/references/queue/v1/api.json'] };

const dropConnection: Reply = (_req, res) => {
  res.socket?.destroy();
};

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(() => server.close());

async function rejection(promise: Promise<unknown>): Promise<TaskclusterFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TaskclusterFailure);
  return err as TaskclusterFailure;
}

describe('fetchDeploymentJson', () => {
  it('resolves with the parsed document at the path below the root URL', async () => {
    server.script(json(200, MANIFEST));
    await expect(
      fetchDeploymentJson(`${server.rootUrl}/`, '/references/manifest.json', FAST),
    ).resolves.toEqual(MANIFEST);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/references/manifest.json' });
    expect(nth(server.requests, 0).headers.accept).toBe('application/json');
    expect(nth(server.requests, 0).headers.authorization).toBeUndefined();
  });

  it('retries 5xx, 429 and dropped connections like API calls', async () => {
    server.script(
      json(503, { code: 'Unavailable' }),
      json(429, { code: 'TooMany' }),
      dropConnection,
      json(500, {}),
      json(200, MANIFEST),
    );
    await expect(
      fetchDeploymentJson(server.rootUrl, '/references/manifest.json', FAST),
    ).resolves.toEqual(MANIFEST);
    expect(server.requests).toHaveLength(5);
  });

  it('gives up after maxRetries with the last response as a TaskclusterRestFailure', async () => {
    server.script(json(502, { code: 'BadGateway', message: 'upstream down' }));
    const err = await rejection(
      fetchDeploymentJson(server.rootUrl, '/schemas/queue/v1/task.json', {
        ...FAST,
        maxRetries: 2,
      }),
    );
    expect(err).toBeInstanceOf(TaskclusterRestFailure);
    expect(err).toMatchObject({
      statusCode: 502,
      code: 'BadGateway',
      body: { code: 'BadGateway', message: 'upstream down' },
    });
    // The service's message, as the official client gives it; what was fetched is in `method`.
    expect(err.message).toBe('upstream down');
    expect(err.method).toBe(`GET ${server.rootUrl}/schemas/queue/v1/task.json`);
    expect(server.requests).toHaveLength(3);
  });

  it.each([401, 403])('rejects a %d at once with a TaskclusterAuthFailure', async (status) => {
    server.script(json(status, { code: 'InsufficientScopes', message: 'no' }));
    const err = await rejection(
      fetchDeploymentJson(server.rootUrl, '/references/manifest.json', FAST),
    );
    expect(err).toBeInstanceOf(TaskclusterAuthFailure);
    expect(err).toMatchObject({
      statusCode: status,
      body: { code: 'InsufficientScopes', message: 'no' },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with a TaskclusterConnectionError when nothing answers', async () => {
    const { rootUrl } = server;
    await server.close();
    const err = await rejection(
      fetchDeploymentJson(rootUrl, '/references/manifest.json', { ...FAST, maxRetries: 1 }),
    );
    expect(err).toBeInstanceOf(TaskclusterConnectionError);
    expect(err.code).toBe('ECONNREFUSED');
  });

  it.each([
    [
      'a non-JSON answer',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html></html>');
      },
    ],
    [
      'a redirect',
      (_req, res) => {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      },
    ],
  ] as Array<[string, Reply]>)(
    'rejects %s with code InvalidResponse, without retrying',
    async (_what, reply) => {
      server.script(reply);
      const err = await rejection(
        fetchDeploymentJson(server.rootUrl, '/references/manifest.json', FAST),
      );
      expect(err).not.toBeInstanceOf(TaskclusterRestFailure);
      expect(err.code).toBe('InvalidResponse');
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each([
    [
      'a path without a leading slash',
      'ROOT',
      'references/manifest.json',
      'path must start with a single /',
    ],
    [
      'a path to another host',
      'ROOT',
      '//elsewhere.example/x.json',
      'path must start with a single /',
    ],
    [
      'a root URL without a scheme',
      '127.0.0.1:1',
      '/references/manifest.json',
      'rootUrl must be an http(s) URL',
    ],
  ])('refuses %s and sends nothing', async (_what, rootUrl, path, message) => {
    const err = await rejection(
      fetchDeploymentJson(rootUrl === 'ROOT' ? server.rootUrl : rootUrl, path, FAST),
    );
    expect(err.message).toContain(`fetchDeploymentJson: ${message}`);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a bad retry option before sending', async () => {
    const err = await rejection(
      fetchDeploymentJson(server.rootUrl, '/references/manifest.json', { maxRetries: -1 }),
    );
    expect(err.message).toContain('option maxRetries must be a number >= 0');
    expect(server.requests).toHaveLength(0);
  });
});
