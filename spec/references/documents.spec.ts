// What discovery costs on the wire: requests, round trips and connections of a first answer,
// counted on a loopback server that holds every answer a little (so that requests sent
// together are seen together, and one sent after an answer is seen after it).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { createClient, type ClientOptions } from '../../lib/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import { resetDeploymentDocuments, usualPath } from '../../lib/references/documents.js';
import { nth } from '../helpers/nth.js';

interface Exchange {
  url: string;
  arrived: number;
  answered: number;
}

const HOLD_MS = 40;
let server: Server;
let rootUrl: string;
let log: Exchange[];
let connections: number;
let documents: Record<string, unknown>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    const exchange = { url, arrived: performance.now(), answered: Infinity };
    log.push(exchange);
    const doc = documents[url];
    setTimeout(() => {
      const status = doc || url.startsWith('/api/') ? 200 : 404;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc ?? { answered: req.url }));
      exchange.answered = performance.now();
    }, HOLD_MS);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  resetDeploymentDocuments();
  log = [];
  connections = 0;
  documents = {
    '/references/manifest.json': { references: [`${rootUrl}/references/queue/v1/api.json`] },
    '/references/queue/v1/api.json': bundledReference('queue'),
  };
});

/** Round trips: the longest chain of requests each sent after the previous one was answered. */
function roundTrips(exchanges: Exchange[]): number {
  const depth = exchanges.map(() => 1);
  exchanges.forEach((e, i) => {
    for (let j = 0; j < i; j++)
      if (nth(exchanges, j).answered <= e.arrived)
        depth[i] = Math.max(nth(depth, i), nth(depth, j) + 1);
  });
  return Math.max(0, ...depth);
}

async function firstAnswer(options: ClientOptions) {
  const dispatcher = new Agent();
  try {
    await createClient('queue', { rootUrl, dispatcher, ...options }).task('x');
  } finally {
    await dispatcher.close();
  }
  return { requests: log.map((e) => e.url), roundTrips: roundTrips(log), connections };
}

describe('discovery on the wire', () => {
  it('costs a remote client one request and one round trip more than the bundle, on one connection', async () => {
    const bundled = await firstAnswer({ references: 'bundled' });
    expect(bundled).toEqual({ requests: ['/api/queue/v1/task/x'], roundTrips: 1, connections: 1 });
    log = [];
    connections = 0;
    const remote = await firstAnswer({ references: 'remote' });
    expect(remote.requests).toEqual(['/references/queue/v1/api.json', '/api/queue/v1/task/x']);
    expect(remote.roundTrips).toBe(bundled.roundTrips + 1);
    // On the connection already open: the reference fetch hands its socket back before the call.
    expect(remote.connections).toBe(1);
  });

  it('reads the manifest only when the document is not at its usual path', async () => {
    documents = {
      '/references/manifest.json': { references: ['/references/queue/v2/api.json'] },
      '/references/queue/v2/api.json': bundledReference('queue'),
    };
    const { requests } = await firstAnswer({ references: 'remote' });
    expect(requests).toEqual([
      '/references/queue/v1/api.json',
      '/references/manifest.json',
      '/references/queue/v2/api.json',
      '/api/queue/v1/task/x',
    ]);
  });
});

describe('usualPath', () => {
  it('maps API and events clients to their documents and refuses odd names', () => {
    expect(usualPath('purge-cache')).toBe('/references/purge-cache/v1/api.json');
    expect(usualPath('queue-events')).toBe('/references/queue/v1/exchanges.json');
    expect(usualPath('../etc')).toBeUndefined();
  });
});
