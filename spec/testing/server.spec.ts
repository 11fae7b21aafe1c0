import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import {
  startLoopbackServer,
  toFetchRequest,
  writeResponse,
  type LoopbackServer,
} from '../../lib/testing/server.js';
import { REQUEST_TARGET_HEADER } from '../../lib/testing/hawk-auth.js';

let server: Server | undefined;
let loopback: LoopbackServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (server)
      server.close(() => {
        resolve();
      });
    else resolve();
  });
  await loopback?.close();
  server = undefined;
  loopback = undefined;
});

/** Send a raw request (node:http keeps the target exactly as written) and collect the answer. */
function rawRequest(
  port: number,
  path: string,
  method = 'GET',
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method, headers: { 'x-multi': ['a', 'b'] } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const listening = createServer(handler);
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return (listening.address() as AddressInfo).port;
}

describe('toFetchRequest', () => {
  it('keeps the request target as sent, the headers and the streamed body', async () => {
    let seen:
      | { url: string; target: string | null; multi: string | null; body: string; method: string }
      | undefined;
    const port = await listen((req, res) => {
      const request = toFetchRequest(req, 'http://127.0.0.1:1');
      void request.text().then((body) => {
        seen = {
          url: request.url,
          target: request.headers.get(REQUEST_TARGET_HEADER),
          multi: request.headers.get('x-multi'),
          body,
          method: request.method,
        };
        res.end();
      });
    });
    await rawRequest(port, '/a/./b/%7e?x=1', 'PUT', 'payload');
    expect(seen).toEqual({
      url: 'http://127.0.0.1:1/a/b/%7e?x=1',
      target: '/a/./b/%7e?x=1',
      multi: 'a, b',
      body: 'payload',
      method: 'PUT',
    });
  });
});

describe('writeResponse', () => {
  it('writes the status, the headers and the body', async () => {
    const port = await listen((_, res) => {
      void writeResponse(
        res,
        new Response('streamed', { status: 202, headers: { 'x-answer': '42' } }),
      );
    });
    const answer = await rawRequest(port, '/');
    expect(answer).toMatchObject({
      status: 202,
      body: 'streamed',
      headers: expect.objectContaining({ 'x-answer': '42' }),
    });
  });
});

describe('startLoopbackServer', () => {
  it('answers with the msw handlers, a 404 when none matches, and a 500 when one throws', async () => {
    // The handlers are made per request, once the server (and so its rootUrl) exists.
    const rootUrl = () => {
      if (!loopback) throw new Error('the loopback server has not started');
      return loopback.rootUrl;
    };
    loopback = await startLoopbackServer(0, () => [
      http.get(`${rootUrl()}/hello`, () => HttpResponse.json({ hello: 'world' })),
      http.get(`${rootUrl()}/boom`, () => {
        throw new TypeError('kaboom');
      }),
    ]);
    expect(loopback.rootUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${loopback.rootUrl}/hello`)).json()).toEqual({ hello: 'world' });
    const missing = await fetch(`${loopback.rootUrl}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'ResourceNotFound' });
    const boom = await fetch(`${loopback.rootUrl}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toMatchObject({
      code: 'InternalServerError',
      message: expect.stringMatching(/kaboom/),
    });
  });

  it('closes even while a keep-alive connection is open', async () => {
    loopback = await startLoopbackServer(0, () => []);
    await fetch(`${loopback.rootUrl}/`);
    await loopback.close();
    await expect(fetch(`${loopback.rootUrl}/`)).rejects.toThrow();
    loopback = undefined;
  });

  it('refuses a port that is taken', async () => {
    const port = await listen(() => undefined);
    await expect(startLoopbackServer(port, () => [])).rejects.toMatchObject({
      name: 'TaskclusterConnectionError',
      message: expect.stringMatching(/cannot listen/),
    });
  });
});
