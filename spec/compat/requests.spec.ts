// Requests and their errors as code written for the official client sees them, over real HTTP
// on loopback (a Hawk-verifying server): payloads, queries, traceId, error messages and codes,
// redirects, and makeRequest's timeout.
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { construct, fakeReference, IMPLEMENTATIONS } from './implementations.js';
import { CLIENTS, json, startHawkServer, type HawkServer } from '../helpers/hawk-server.js';
import { nth } from '../helpers/nth.js';
import { at, defined, methodOf, parseJson, rejectionOf } from '../helpers/answers.js';

let server: HawkServer;
beforeAll(async () => {
  server = await startHawkServer();
});
afterAll(async () => {
  await server.close();
});

const credentials = { clientId: 'tester', accessToken: defined(CLIENTS['tester'], 'a tester') };

describe.each(IMPLEMENTATIONS)('API calls of %s', (_name, taskcluster) => {
  const make = (options: object = {}) =>
    construct(taskcluster.createClient(fakeReference()), {
      rootUrl: server.rootUrl,
      credentials,
      retries: 0,
      ...options,
    });

  it('sends a signed POST with its JSON payload and resolves with the JSON answer', async () => {
    server.script(json(200, { reply: 'hi' }));
    await expect(methodOf(make(), 'post')({ hello: 'world' })).resolves.toEqual({ reply: 'hi' });
    const sent = defined(server.requests.at(-1), 'a request');
    expect(sent).toMatchObject({
      method: 'POST',
      url: '/api/fake2/v1/post-test',
      clientId: 'tester',
    });
    expect(parseJson(sent.body)).toEqual({ hello: 'world' });
  });

  it('sends the traceId of a per-request instance as x-taskcluster-trace-id', async () => {
    server.script(json(200, {}));
    const client = make().taskclusterPerRequestInstance({ traceId: '456', requestId: '123' });
    await methodOf(client, 'paramQuery')('p', { option: 42 });
    const sent = defined(server.requests.at(-1), 'a request');
    expect(sent.url).toBe('/api/fake2/v1/param-query/p?option=42');
    expect(sent.headers['x-taskcluster-trace-id']).toBe('456');
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
      const error = await rejectionOf(Promise.resolve(methodOf(make(), 'get')()), Error);
      expect(at(error, 'code')).toBe(code);
      expect(error.message).toBe(message);
      expect(at(error, 'statusCode')).toBe(status);
      expect(at(error, 'body')).toEqual(body);
    },
  );

  it('resolves a 303 with its JSON body', async () => {
    server.script(json(303, { url: 'http://example.com' }, { location: 'http://example.com' }));
    await expect(methodOf(make(), 'redirect')()).resolves.toEqual({ url: 'http://example.com' });
  });

  it('refuses a call with the wrong number of arguments before sending', async () => {
    const before = server.requests.length;
    // A throw while calling counts as a rejection, as it would in an async caller.
    const calling = new Promise((resolve) => {
      resolve(methodOf(make(), 'param2')('only-one'));
    });
    await expect(calling).rejects.toThrow();
    expect(server.requests).toHaveLength(before);
  });
});

describe.each(IMPLEMENTATIONS)('makeRequest of %s', (_name, taskcluster) => {
  let silent: Server;
  beforeAll(async () => {
    // Accepts connections and never answers (not even a TLS handshake).
    silent = createServer((socket) => {
      setTimeout(() => socket.destroy(), 300);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        silent.close(() => {
          resolve();
        });
      }),
  );

  it('rejects with code ECONNABORTED when the timeout passes before any answer', async () => {
    const Fake = taskcluster.createClient({ ...fakeReference(), entries: [] });
    const client = construct(Fake, { timeout: 20, rootUrl: 'https://tc.example.com' });
    const port = (silent.address() as AddressInfo).port;
    await expect(
      taskcluster.makeRequest(client, 'GET', `https://127.0.0.1:${String(port)}`),
    ).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
  });
});

describe('REST errors of taskcluster-dynamic', () => {
  it('keep which call failed in fields that util.inspect shows, not in the message', async () => {
    const [, tc] = nth(IMPLEMENTATIONS, 0);
    server.script(json(403, { code: 'InsufficientScopes', message: 'no' }));
    const client = construct(tc.createClient(fakeReference()), {
      rootUrl: server.rootUrl,
      credentials,
    });
    const error = await rejectionOf(Promise.resolve(methodOf(client, 'get')()), Error);
    expect(error.message).toBe('no');
    expect(inspect(error)).toContain("method: 'fake2.get'");
    expect(inspect(error)).not.toContain(credentials.accessToken);
  });
});
