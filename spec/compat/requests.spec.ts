// Requests and their errors as code written for the official client sees them, over real HTTP
// on loopback (a Hawk-verifying server): payloads, queries, traceId, error messages and codes,
// redirects, and makeRequest's timeout.
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { IMPLEMENTATIONS, fakeReference } from './implementations.js';
import { CLIENTS, json, startHawkServer, type HawkServer } from '../helpers/hawk-server.js';

let server: HawkServer;
beforeAll(async () => {
  server = await startHawkServer();
});
afterAll(() => server.close());

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester']! };

describe.each(IMPLEMENTATIONS)('API calls of %s', (_name, taskcluster) => {
  const make = (options: object = {}) =>
    new (taskcluster.createClient(fakeReference()))({
      rootUrl: server.rootUrl,
      credentials,
      retries: 0,
      ...options,
    });

  it('sends a signed POST with its JSON payload and resolves with the JSON answer', async () => {
    server.script(json(200, { reply: 'hi' }));
    await expect(make().post({ hello: 'world' })).resolves.toEqual({ reply: 'hi' });
    const [sent] = server.requests.slice(-1);
    expect(sent).toMatchObject({
      method: 'POST',
      url: '/api/fake2/v1/post-test',
      clientId: 'tester',
    });
    expect(JSON.parse(sent!.body)).toEqual({ hello: 'world' });
  });

  it('sends the traceId of a per-request instance as x-taskcluster-trace-id', async () => {
    server.script(json(200, {}));
    const client = make().taskclusterPerRequestInstance({ traceId: '456', requestId: '123' });
    await client.paramQuery('p', { option: 42 });
    const [sent] = server.requests.slice(-1);
    expect(sent!.url).toBe('/api/fake2/v1/param-query/p?option=42');
    expect(sent!.headers['x-taskcluster-trace-id']).toBe('456');
  });

  it.each([
    [
      403,
      { code: 'InsufficientScopes', message: 'You do not have sufficient scopes.' },
      'InsufficientScopes',
      'You do not have sufficient scopes.',
    ],
    [404, { code: 'ResourceNotFound' }, 'ResourceNotFound', 'Unknown Server Error'],
    [401, {}, 'UnknownError', 'Authentication Error'],
    [500, {}, 'UnknownError', 'Internal Server Error'],
  ])(
    'rejects a %d with the code and message of the official client',
    async (status, body, code, message) => {
      server.script(json(status, body));
      const error = (await make()
        .get()
        .catch((e: unknown) => e)) as Error & {
        code?: unknown;
        statusCode?: unknown;
        body?: unknown;
      };
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.message).toBe(message);
      expect(error.statusCode).toBe(status);
      expect(error.body).toEqual(body);
    },
  );

  it('resolves a 303 with its JSON body', async () => {
    server.script(json(303, { url: 'http://example.com' }, { location: 'http://example.com' }));
    await expect(make().redirect()).resolves.toEqual({ url: 'http://example.com' });
  });

  it('refuses a call with the wrong number of arguments before sending', async () => {
    const before = server.requests.length;
    await expect(async () => make().param2('only-one')).rejects.toThrow();
    expect(server.requests).toHaveLength(before);
  });
});

describe.each(IMPLEMENTATIONS)('makeRequest of %s', (_name, taskcluster) => {
  let silent: Server;
  beforeAll(async () => {
    // Accepts connections and never answers (not even a TLS handshake).
    silent = createServer((socket) => setTimeout(() => socket.destroy(), 300));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

  it('rejects with code ECONNABORTED when the timeout passes before any answer', async () => {
    const Fake = taskcluster.createClient({ ...fakeReference(), entries: [] });
    const client = new Fake({ timeout: 20, rootUrl: 'https://tc.example.com' });
    const port = (silent.address() as AddressInfo).port;
    await expect(
      taskcluster.makeRequest(client, 'GET', `https://127.0.0.1:${port}`),
    ).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
  });
});

describe('REST errors of taskcluster-dynamic', () => {
  it('keep which call failed in fields that util.inspect shows, not in the message', async () => {
    const [, tc] = IMPLEMENTATIONS[0]!;
    server.script(json(403, { code: 'InsufficientScopes', message: 'no' }));
    const client = new (tc.createClient(fakeReference()))({ rootUrl: server.rootUrl, credentials });
    const error = (await client.get().catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('no');
    expect(inspect(error)).toContain("method: 'fake2.get'");
    expect(inspect(error)).not.toContain(credentials.accessToken);
  });
});
