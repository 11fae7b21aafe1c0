// How the transport uses connections: reuse, limits and idle keep-alive.
// @slow: one test waits 10 s of keep-alive on purpose.
import { describe, it, expect, afterEach, beforeEach } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetDefaultDispatcher } from '../../lib/transport/dispatcher.js';
import { createClient } from '../../lib/index.js';

// A loopback server that counts the connections it accepts and answers after `delay` ms.
let server: Server;
let accepted = 0;
let delay = 0;
/** `METHOD path` of every request the server read. */
let requests: string[] = [];
let queue: ReturnType<typeof createClient>;

beforeEach(async () => {
  accepted = 0;
  delay = 0;
  requests = [];
  server = createServer((req, res) => {
    requests.push(`${String(req.method)} ${String(req.url)}`);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"alive":true}');
    }, delay);
  });
  server.on('connection', () => accepted++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  queue = createClient('queue', { rootUrl, references: 'bundled' });
  await resetDefaultDispatcher();
});
afterEach(async () => {
  await resetDefaultDispatcher();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const ping = () => (queue as unknown as { ping(): Promise<unknown> }).ping();
const claimWork = (taskQueueId: string, payload: object) =>
  (queue as unknown as { claimWork(id: string, p: object): Promise<unknown> }).claimWork(
    taskQueueId,
    payload,
  );

describe('the default dispatcher', () => {
  it('sends sequential calls over the first call’s connection', async () => {
    for (let i = 0; i < 5; i++) await expect(ping()).resolves.toEqual({ alive: true });
    expect(accepted).toBe(1);
  });

  it('connects to a host name (resolved once, then from the DNS cache)', async () => {
    const port = (server.address() as AddressInfo).port;
    const byName = createClient('queue', {
      rootUrl: `http://localhost:${String(port)}`,
      references: 'bundled',
    }) as unknown as { ping(): Promise<unknown> };
    await expect(byName.ping()).resolves.toEqual({ alive: true });
    await expect(byName.ping()).resolves.toEqual({ alive: true });
  });

  it('opens no more connections than calls in flight, wave after wave', async () => {
    delay = 5;
    const inFlight = 8;
    let next = 0;
    const worker = async () => {
      while (next++ < 64) await ping();
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    expect(accepted).toBeLessThanOrEqual(inFlight);
  });

  it('keeps an idle connection past the 10 s it used to be dropped after, when the server gives no hint', async () => {
    server.keepAliveTimeout = 0; // the server sends no Keep-Alive hint and never closes first
    await ping();
    await new Promise((r) => setTimeout(r, 10_500));
    await ping();
    expect(accepted).toBe(1);
  }, 20_000);

  it('sends a POST issued as the server closes the idle connection once, on a new connection', async () => {
    await ping();
    // The server ends the idle connection and the call is made in the same turn: the FIN is
    // already on its way, and undici must see it before writing rather than send into it.
    server.closeIdleConnections();
    const claimed = claimWork('proj/ci', {
      workerGroup: 'g',
      workerId: 'w',
      tasks: 1,
    });
    await expect(claimed).resolves.toEqual({ alive: true });
    expect(requests).toEqual(['GET /api/queue/v1/ping', 'POST /api/queue/v1/claim-work/proj%2Fci']);
    expect(accepted).toBe(2);
  });
});
