import { describe, it, expect, afterEach, beforeEach } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetDefaultDispatcher } from '../../lib/transport/dispatcher.js';
import { createClient, downloadToBuf, TaskclusterFailure } from '../../lib/index.js';
import { rejectionOf } from '../helpers/answers.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let handler: Handler;
let requests: string[];
let rootUrl: string;

beforeEach(async () => {
  requests = [];
  server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterEach(async () => {
  await resetDefaultDispatcher();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface Queue {
  ping(named?: object): Promise<unknown>;
  claimWork(...args: unknown[]): Promise<unknown>;
  use(options: object): Queue;
}
const client = (options: Record<string, unknown> = {}) =>
  createClient('queue', {
    rootUrl,
    references: 'bundled',
    delayFactor: 1,
    maxRetries: 2,
    ...options,
  }) as unknown as Queue;
const failureOf = (p: Promise<unknown>) => rejectionOf(p, TaskclusterFailure);

const json = (status: number, body: string, headers: Record<string, string> = {}): Handler => {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
};

describe('json: maxResponseBytes', () => {
  it('refuses a declared length above the limit without reading it, and does not retry', async () => {
    handler = json(200, JSON.stringify({ data: 'x'.repeat(2048) }));
    const err = await failureOf(client({ maxResponseBytes: 1024 }).ping());
    expect(err).toMatchObject({ name: 'TaskclusterFailure', code: 'ResponseTooLarge' });
    expect(requests).toHaveLength(1);
  });

  it('stops reading a chunked answer once it passes the limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => {
        res.write('x'.repeat(16 * 1024));
      }, 1);
      res.on('close', () => {
        clearInterval(timer);
      });
    };
    const err = await failureOf(client({ maxResponseBytes: 64 * 1024 }).ping());
    expect(err).toMatchObject({ code: 'ResponseTooLarge' });
    expect(requests).toHaveLength(1);
  });

  it('keeps a bounded error body and message from a huge error page', async () => {
    const page = JSON.stringify({ code: 'Overloaded', message: 'm'.repeat(1_000_000) });
    handler = json(503, page);
    const err = await failureOf(client({ maxRetries: 1 }).ping());
    expect(err).toMatchObject({ statusCode: 503 });
    expect(err.message.length).toBeLessThan(5_000);
    expect(JSON.stringify(err.body).length).toBeLessThanOrEqual(64 * 1024 + 100);
    expect(requests).toHaveLength(2);
  });
});

describe('json: retries by idempotency', () => {
  // The server reads the whole request, then drops the connection without an answer.
  const dropAfterBody: Handler = (req, res) => {
    req.resume();
    req.on('end', () => res.socket?.destroy());
  };

  it('does not re-send a POST whose body went out before the connection died', async () => {
    handler = dropAfterBody;
    const err = await failureOf(
      client().claimWork('prov/type', { workerGroup: 'g', workerId: 'w', tasks: 1 }),
    );
    expect(err).toMatchObject({ name: 'TaskclusterConnectionError' });
    expect(requests).toEqual(['POST /api/queue/v1/claim-work/prov%2Ftype']);
  });

  it('re-sends a GET (idempotent) in the same case', async () => {
    handler = dropAfterBody;
    await failureOf(client().ping());
    expect(requests).toHaveLength(3);
  });

  it('re-sends the POST when the client opts in with retryNonIdempotent', async () => {
    handler = dropAfterBody;
    const queue = client().use({ retryNonIdempotent: true });
    await failureOf(queue.claimWork('p/t', { workerGroup: 'g', workerId: 'w', tasks: 1 }));
    expect(requests).toHaveLength(3);
  });

  it('re-sends a POST answered with a 503 (the server said it did nothing)', async () => {
    handler = json(503, '{"code":"Unavailable","message":"later"}');
    await failureOf(client().claimWork('p/t', { workerGroup: 'g', workerId: 'w', tasks: 1 }));
    expect(requests).toHaveLength(3);
  });
});

describe('json: cancellation and deadlines', () => {
  it('aborts a call in flight at once with code Aborted, named form', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    const started = Date.now();
    const err = await failureOf(client().ping({ signal: controller.signal }));
    expect(err).toMatchObject({ name: 'TaskclusterFailure', code: 'Aborted' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests).toHaveLength(1);
  });

  it('aborts the wait between two attempts, through use()', async () => {
    handler = json(500, '{}');
    const controller = new AbortController();
    const queue = client({ delayFactor: 60_000 }).use({ signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 100);
    const started = Date.now();
    const err = await failureOf(queue.ping());
    expect(err).toMatchObject({ code: 'Aborted' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(requests).toHaveLength(1);
  });

  it('sends nothing with a signal already aborted', async () => {
    handler = json(200, '{}');
    const err = await failureOf(client().ping({ signal: AbortSignal.abort() }));
    expect(err).toMatchObject({ code: 'Aborted' });
    expect(requests).toHaveLength(0);
  });

  it('takes a per-call timeout in the named form', async () => {
    handler = (_req, res) => setTimeout(() => res.end('{}'), 2_000).unref();
    const err = await failureOf(client({ maxRetries: 0 }).ping({ timeout: 50 }));
    expect(err).toMatchObject({ code: 'ECONNABORTED' });
  });

  it('does not time out at once with a timeout past 2^31-1 ms', async () => {
    handler = (_req, res) => {
      setTimeout(() => {
        json(200, '{"ok":true}')(_req, res);
      }, 30);
    };
    await expect(client({ timeout: 2 ** 31, maxRetries: 0 }).ping()).resolves.toEqual({ ok: true });
  });

  it('refuses a signal that is not an AbortSignal before sending', async () => {
    handler = json(200, '{}');
    const err = await failureOf(client().ping({ signal: 'soon' }));
    expect(err).toMatchObject({ name: 'TaskclusterFailure', code: 'InvalidArguments' });
    expect(requests).toHaveLength(0);
  });
});

describe('stream: cancellation of a transfer', () => {
  it('aborts a download whose data never ends, with code Aborted', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/blob')) {
        res.writeHead(200, { 'content-length': '1000000' });
        res.write('x'.repeat(1000));
        return; // the rest never comes
      }
      json(404, '{}')(req, res);
    };
    const objectService = {
      startDownload: () =>
        Promise.resolve({
          method: 'getUrl',
          url: `${rootUrl}/blob`,
          expires: new Date(Date.now() + 60_000).toISOString(),
          hashes: { sha256: '0'.repeat(64) },
        }),
    };
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 100);
    const err = await failureOf(
      downloadToBuf({ name: 'x', objectService, signal: controller.signal }),
    );
    expect(err).toMatchObject({ code: 'Aborted' });
    expect(requests).toEqual(['GET /blob']);
  });
});
