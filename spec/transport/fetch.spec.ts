// The browser transport, run here on Node's own fetch against loopback servers (the browser
// spec runs it in Chromium): the same answers and failures as the undici transport gives.
import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, stream } from '../../lib/transport/fetch.js';
import { verdictOf } from '../../lib/transport/classify.js';
import type { AttemptRequest } from '../../lib/transport/types.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let origin: string;
const seen: { method?: string | undefined; headers: IncomingMessage['headers']; body: string }[] =
  [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});
afterEach(() => {
  seen.length = 0;
});

const LIMITS = { timeout: 5000, maxResponseBytes: 1000, maxDelay: 30_000 };
const req = (over: Partial<AttemptRequest> = {}): AttemptRequest => ({
  method: 'GET',
  url: `${origin}/api/queue/v1/ping`,
  headers: { 'x-test': 'yes' },
  label: 'queue.ping',
  idempotent: true,
  ...over,
});
const answer =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Record<string, unknown>,
  );

describe('json', () => {
  it('sends method, headers and body and parses a JSON answer', async () => {
    handler = answer(200, '{"alive":true}');
    const result = await json(req({ method: 'POST', body: '{"a":1}', idempotent: false }), LIMITS);
    expect(result).toMatchObject({ statusCode: 200, value: { alive: true } });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'x-test': 'yes' },
    });
  });

  it('turns an error status into a failure with the code the body gives, retry hint beside it', async () => {
    handler = answer(503, '{"code":"Unavailable","message":"busy"}', { 'retry-after': '2' });
    const error = await rejection(json(req(), LIMITS));
    expect(error).toMatchObject({ statusCode: 503, code: 'Unavailable', message: 'busy' });
    expect(verdictOf(error)).toEqual({ retriable: true, retryAfter: 2000 });
  });

  it('gives a redirect as its Location, as Node does (browsers hide it)', async () => {
    handler = (_req, res) => res.writeHead(303, { location: 'https://elsewhere/x' }).end();
    await expect(json(req(), LIMITS)).resolves.toMatchObject({
      statusCode: 303,
      value: { url: 'https://elsewhere/x' },
    });
  });

  it.each([
    ['declared', { 'content-length': '2000' }],
    ['streamed', { 'transfer-encoding': 'chunked' }],
  ])('fails an answer larger than maxResponseBytes (%s length), never retried', async (_, h) => {
    handler = answer(200, JSON.stringify({ big: 'x'.repeat(1990) }), h);
    const error = await rejection(json(req(), LIMITS));
    expect(error['code']).toBe('ResponseTooLarge');
    expect(verdictOf(error).retriable).toBe(false);
  });

  it('fails invalid JSON on a 2xx with the status', async () => {
    handler = answer(200, '{"half');
    expect(await rejection(json(req(), LIMITS))).toMatchObject({ statusCode: 200 });
  });

  it('fails at the deadline as a connection error, retried only when idempotent', async () => {
    handler = () => undefined; // never answers
    const get = await rejection(json(req(), { ...LIMITS, timeout: 100 }));
    expect(String(get['message'])).toMatch(/longer than 100 ms/);
    expect(verdictOf(get).retriable).toBe(true);
    const post = await rejection(
      json(req({ method: 'POST', idempotent: false }), { ...LIMITS, timeout: 100 }),
    );
    expect(verdictOf(post).retriable).toBe(false);
  });

  it("stops at once when the caller's signal aborts, never retried", async () => {
    handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort(new Error('user left'));
    }, 50);
    const error = await rejection(json(req(), { ...LIMITS, signal: controller.signal }));
    expect(error).toMatchObject({ code: 'Aborted' });
    expect(verdictOf(error).retriable).toBe(false);
  });

  it('fails a refused connection as not sent, so even a POST may be retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    const error = await rejection(
      json(
        req({ url: `http://127.0.0.1:${String(port)}/`, method: 'POST', idempotent: false }),
        LIMITS,
      ),
    );
    expect(error['name']).toBe('TaskclusterConnectionError');
    expect(verdictOf(error).retriable).toBe(true);
  });
});

describe('stream', () => {
  it('opens the body whatever the status, and gathers an async-iterable request body', async () => {
    handler = (_req, res) => res.writeHead(201).end('stored');
    // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable body is what this test sends; the generator has nothing to wait for
    async function* parts() {
      yield new TextEncoder().encode('ab');
      yield new TextEncoder().encode('cd');
    }
    const opened = await stream(req({ method: 'PUT', body: parts() }), LIMITS);
    expect(opened.statusCode).toBe(201);
    expect(await new Response(opened.body).text()).toBe('stored');
    expect(seen[0]?.body).toBe('abcd');
  });
});
